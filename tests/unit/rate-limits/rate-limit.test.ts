import { describe, expect, it } from "vitest";
import { retryAfterSeconds, type RateLimit } from "@/lib/core/rate-limits/rate-limit";

const LIMIT: RateLimit = { bucket: "test", max: 3, windowMs: 60 * 60 * 1000, per: "learner" };
const NOW = new Date("2026-03-02T06:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe("retryAfterSeconds", () => {
  it("lets a request through while fewer than max are counted in the window", () => {
    expect(retryAfterSeconds(LIMIT, [], NOW)).toBeNull();
    expect(retryAfterSeconds(LIMIT, [minutesAgo(1), minutesAgo(2)], NOW)).toBeNull();
  });

  it("ignores requests older than the window", () => {
    expect(
      retryAfterSeconds(LIMIT, [minutesAgo(1), minutesAgo(2), minutesAgo(60)], NOW),
    ).toBeNull();
  });

  it("at the limit, waits until the oldest request that still counts leaves the window", () => {
    // In any order; of four, the three newest count and the 40-minute one frees a place first.
    const recent = [minutesAgo(5), minutesAgo(50), minutesAgo(40), minutesAgo(10)];
    expect(retryAfterSeconds(LIMIT, recent, NOW)).toBe(20 * 60);
  });

  it("never answers a wait of zero seconds", () => {
    const edge = new Date(NOW.getTime() - LIMIT.windowMs + 1);
    expect(retryAfterSeconds(LIMIT, [edge, minutesAgo(1), minutesAgo(2)], NOW)).toBe(1);
  });
});
