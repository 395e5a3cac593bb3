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
});
