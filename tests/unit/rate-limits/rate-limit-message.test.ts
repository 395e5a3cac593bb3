import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/locales";
import { formatWait, rateLimitMessage } from "@/lib/i18n/rate-limit-message";

const ru = messagesFor("ru").limits;
const en = messagesFor("en").limits;

describe("formatWait", () => {
  it("says seconds under a minute and whole minutes, rounded up, from then on", () => {
    expect(formatWait(en, 0.2)).toBe("1 s");
    expect(formatWait(en, 42)).toBe("42 s");
    expect(formatWait(en, 60)).toBe("1 min");
    expect(formatWait(en, 61)).toBe("2 min");
    expect(formatWait(ru, 3540)).toBe("59 мин");
  });
});

describe("rateLimitMessage", () => {
  it("names the limit a request ran into, by its bucket", () => {
    const at = (limit: string) => rateLimitMessage(en, { limit, retryAfterSeconds: 30 });
    for (const answers of [
      "study-answers:learner",
      "practice-answers:learner",
      "interview-answers:learner",
    ]) {
      expect(at(answers)).toBe("Too many answers in a minute. You can send the next one in 30 s.");
    }
    expect(at("practice-tests:address")).toMatch(/^Too many tests in an hour/);
    expect(at("interviews:learner")).toMatch(/^Too many interviews in an hour/);
    expect(at("guests:address")).toMatch(/^Too many new guests from your address/);
    expect(at("question-reports:learner")).toBe("Too many requests. Try again in 30 s.");
  });

  it("waits a minute when the server named no wait", () => {
    expect(rateLimitMessage(ru, {})).toBe("Слишком много запросов. Попробуйте через 1 мин.");
  });
});
