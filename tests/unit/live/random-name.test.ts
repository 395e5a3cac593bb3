import { describe, expect, it } from "vitest";
import { checkNickname } from "@/lib/core/live/nickname";
import { randomNickname } from "@/lib/core/live/random-name";

describe("randomNickname", () => {
  it("gives an adjective and an animal that pass the nickname rules, at both ends of random()", () => {
    for (const r of [0, 0.25, 0.5, 0.999999, 1]) {
      const name = randomNickname(() => r);
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(checkNickname(name)).toMatchObject({ ok: true, nickname: name });
    }
    expect(randomNickname(() => 0)).not.toBe(randomNickname(() => 0.5));
  });

  it("every one of the 400 names passes (profanity filter included)", () => {
    const names = new Set<string>();
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        const draws = [(i + 0.5) / 20, (j + 0.5) / 20];
        const name = randomNickname(() => draws.shift()!);
        expect(checkNickname(name).ok, name).toBe(true);
        names.add(name);
      }
    }
    expect(names.size).toBe(400);
  });
});
