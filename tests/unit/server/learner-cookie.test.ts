import { beforeAll, describe, expect, it } from "vitest";
import { signLearnerId, verifyLearnerCookie } from "@/lib/server/guest-cookie";
import { parseStoredSettings } from "@/lib/server/study/learner-settings";

beforeAll(() => {
  process.env.AUTH_SECRET = "unit-test-secret-that-is-long-enough-0123456789";
});

describe("guest learner cookie", () => {
  it("round-trips a signed id", () => {
    expect(verifyLearnerCookie(signLearnerId("learner-1"))).toBe("learner-1");
  });

  it("rejects forged, swapped or malformed values", () => {
    const signed = signLearnerId("learner-1");
    const signature = signed.slice(signed.lastIndexOf(".") + 1);
    expect(verifyLearnerCookie(`learner-2.${signature}`)).toBeNull();
    expect(verifyLearnerCookie("learner-1")).toBeNull();
    expect(verifyLearnerCookie(".abc")).toBeNull();
    expect(verifyLearnerCookie(`${signed}x`)).toBeNull();
    expect(verifyLearnerCookie(undefined)).toBeNull();
  });
});

describe("parseStoredSettings", () => {
  it("fills defaults and falls back when the stored JSON is broken", () => {
    expect(parseStoredSettings(null, "Europe/Moscow")).toMatchObject({
      newCardsPerDay: 20,
      timeZone: "Europe/Moscow",
    });
    expect(parseStoredSettings('{"newCardsPerDay":5}', "UTC").newCardsPerDay).toBe(5);
    expect(parseStoredSettings("{not json", "UTC").desiredRetention).toBe(0.9);
    expect(parseStoredSettings('{"newCardsPerDay":-3}', "UTC").newCardsPerDay).toBe(20);
  });

  it("parses each stored text for itself and hands out settings no caller can change", () => {
    const fitted = JSON.stringify(Array.from({ length: 21 }, (_, i) => 0.1 + i / 100));
    const variants = [
      parseStoredSettings('{"newCardsPerDay":5}', "UTC"),
      parseStoredSettings('{"newCardsPerDay":6}', "UTC"),
      parseStoredSettings('{"newCardsPerDay":5}', "Europe/Moscow"),
      parseStoredSettings('{"newCardsPerDay":5}', "UTC", fitted),
    ];
    expect(
      variants.map((s) => [s.newCardsPerDay, s.timeZone, s.fsrsParameters?.[0] ?? null]),
    ).toEqual([
      [5, "UTC", null],
      [6, "UTC", null],
      [5, "Europe/Moscow", null],
      [5, "UTC", 0.1],
    ]);
    // Asked again, in another order: the same answers.
    expect(parseStoredSettings('{"newCardsPerDay":6}', "UTC").newCardsPerDay).toBe(6);
    expect(parseStoredSettings('{"newCardsPerDay":5}', "UTC").fsrsParameters).toBeNull();
    const shared = parseStoredSettings('{"newCardsPerDay":5}', "UTC");
    expect(() => {
      (shared as { newCardsPerDay: number }).newCardsPerDay = 99;
    }).toThrow(TypeError);
    expect(() => (shared.learningSteps as string[]).push("1d")).toThrow(TypeError);
    expect(parseStoredSettings('{"newCardsPerDay":5}', "UTC").newCardsPerDay).toBe(5);
  });
});
