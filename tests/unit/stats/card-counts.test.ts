import { describe, expect, it } from "vitest";
import { summarizeCardStates } from "@/lib/core/stats";

describe("cards by state", () => {
  it("counts suspended cards once, and unseen questions as new", () => {
    expect(
      summarizeCardStates(
        [
          { state: 0, suspended: false, count: 1 },
          { state: 1, suspended: false, count: 3 },
          { state: 2, suspended: false, count: 5 },
          { state: 2, suspended: true, count: 2 },
          { state: 3, suspended: false, count: 1 },
          { state: 1, suspended: true, count: 1 },
        ],
        70,
      ),
    ).toEqual({ new: 71, learning: 3, review: 5, relearning: 1, suspended: 3 });
  });
});
