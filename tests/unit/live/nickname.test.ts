import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/core/practice/random";
import {
  checkNickname,
  nicknameClashPrefix,
  nicknameKey,
  randomNickname,
  uniqueNickname,
} from "@/lib/core/live/nickname";
import { generatePin, PinSchema } from "@/lib/core/live/pin";
import { rankPlayers } from "@/lib/core/live/ranking";

describe("nicknames", () => {
  it("trims, collapses spaces and allows letters of any script, digits and basic punctuation", () => {
    expect(checkNickname("  Anna   Maria ")).toEqual({ ok: true, nickname: "Anna Maria" });
    expect(checkNickname("Ёжик-2!")).toEqual({ ok: true, nickname: "Ёжик-2!" });
    expect(checkNickname("José O'Neil")).toEqual({ ok: true, nickname: "José O'Neil" });
  });

  it("refuses empty, too long, odd characters and profanity in English and Russian", () => {
    expect(checkNickname("   ")).toEqual({ ok: false, reason: "empty" });
    expect(checkNickname("a".repeat(21))).toEqual({ ok: false, reason: "too_long" });
    expect(checkNickname("Ё".repeat(20))).toMatchObject({ ok: true }); // characters, not bytes
    expect(checkNickname("<b>hi</b>")).toEqual({ ok: false, reason: "invalid_characters" });
    expect(checkNickname("a😀")).toEqual({ ok: false, reason: "invalid_characters" });
    expect(checkNickname("Shit")).toEqual({ ok: false, reason: "profane" });
    expect(checkNickname("shit2")).toEqual({ ok: false, reason: "profane" });
    expect(checkNickname("f.u.c.k")).toEqual({ ok: false, reason: "profane" });
    expect(checkNickname("хуй")).toEqual({ ok: false, reason: "profane" });
    // Whole words only: innocent names that contain a listed word pass.
    expect(checkNickname("Scunthorpe")).toMatchObject({ ok: true });
    expect(checkNickname("Cassandra")).toMatchObject({ ok: true });
    // The list also holds bare numbers ("5", "55"); numbered names are ordinary in a class.
    expect(checkNickname("Player 55")).toMatchObject({ ok: true });
    expect(checkNickname("Анна 5")).toMatchObject({ ok: true });
    expect(checkNickname("a55")).toEqual({ ok: false, reason: "profane" });
  });

  it("reads only the names that could clash: every name made from one starts with its prefix", () => {
    for (const name of ["Anna", "Abcdefghijklmnopqrst", "Abcdefghijklm  nop", "ЁЖИК Соня"]) {
      const prefix = nicknameClashPrefix(name);
      const taken = new Set<string>([nicknameKey(name)]);
      for (let i = 0; i < 120; i++) {
        const made = uniqueNickname(name, taken);
        expect(nicknameKey(made).startsWith(prefix), made).toBe(true);
        taken.add(nicknameKey(made));
      }
    }
  });

  it("makes duplicates unique case-insensitively, within 20 characters", () => {
    const taken = new Set(["anna", "anna 2"].map(nicknameKey));
    expect(uniqueNickname("Bob", taken)).toBe("Bob");
    expect(uniqueNickname("ANNA", taken)).toBe("ANNA 3");
    const long = "Abcdefghijklmnopqrst";
    expect(uniqueNickname(long, new Set([nicknameKey(long)]))).toBe("Abcdefghijklmnopqr 2");
  });

  it("generates valid random names from a seeded source", () => {
    const random = createRandom(7);
    for (let i = 0; i < 50; i++) {
      for (const lang of ["en", "ru"] as const) {
        const name = randomNickname(random, lang);
        expect(checkNickname(name)).toEqual({ ok: true, nickname: name });
      }
    }
  });
});

describe("PINs", () => {
  it("are 6 digits that never start with 0", () => {
    expect(generatePin(() => 100_000)).toBe("100000");
    expect(generatePin(() => 999_999)).toBe("999999");
    expect(() => generatePin(() => 99_999)).toThrow(RangeError);
    expect(PinSchema.safeParse("123 456").data).toBe("123456");
    expect(PinSchema.safeParse("023456").success).toBe(false);
    expect(PinSchema.safeParse("12345").success).toBe(false);
  });
});

describe("ranking", () => {
  it("shares ranks between equal scores and skips after them", () => {
    const ranked = rankPlayers([
      { id: "1", nickname: "C", score: 500 },
      { id: "2", nickname: "A", score: 900 },
      { id: "3", nickname: "B", score: 500 },
      { id: "4", nickname: "D", score: 100 },
    ]);
    expect(ranked.map((p) => [p.nickname, p.rank])).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 2],
      ["D", 4],
    ]);
  });
});
