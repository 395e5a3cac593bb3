import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  formatJoinCode,
  generateJoinCode,
  normalizeJoinCode,
} from "@/lib/core/classes/join-code";

/** A RandomIndex that plays back fixed indices. */
function sequence(...indices: number[]) {
  let at = 0;
  return (size: number) => {
    expect(size).toBe(JOIN_CODE_ALPHABET.length);
    return indices[at++ % indices.length]!;
  };
}

describe("join-code alphabet", () => {
  it("has no character a reader could mistake for another", () => {
    for (const ambiguous of ["0", "O", "1", "I", "L", "l", "o", "i"]) {
      expect(JOIN_CODE_ALPHABET).not.toContain(ambiguous);
    }
  });

  it("has 31 distinct upper-case letters and digits", () => {
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_ALPHABET).toMatch(/^[2-9A-Z]{31}$/);
  });

  it("gives enough codes that guessing is hopeless: over 10^11", () => {
    expect(JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH).toBeGreaterThan(1e11);
  });
});

describe("generateJoinCode", () => {
  it("maps each random index to its letter, eight of them", () => {
    expect(generateJoinCode(sequence(0, 1, 2, 3, 4, 5, 6, 7))).toBe("23456789");
    expect(generateJoinCode(sequence(30))).toBe("ZZZZZZZZ");
    expect(generateJoinCode(sequence(8, 9, 10, 11, 12, 13, 14, 15))).toBe("ABCDEFGH");
  });

  it("refuses a random source that leaves the alphabet", () => {
    expect(() => generateJoinCode(sequence(31))).toThrow(RangeError);
    expect(() => generateJoinCode(sequence(-1))).toThrow(RangeError);
    expect(() => generateJoinCode(sequence(1.5))).toThrow(RangeError);
  });

  it("always produces a code that normalizes to itself", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 8, maxLength: 8 }),
        (indices) => {
          const code = generateJoinCode(sequence(...indices));
          expect(normalizeJoinCode(code)).toBe(code);
          expect(normalizeJoinCode(formatJoinCode(code))).toBe(code);
        },
      ),
    );
  });
});

describe("normalizeJoinCode", () => {
  it("ignores case, spaces and dashes", () => {
    for (const typed of ["K7QD-M3XR", "k7qd-m3xr", " k7qd m3xr ", "K7-QD-M3-XR", "k7qdm3xr"]) {
      expect(normalizeJoinCode(typed)).toBe("K7QDM3XR");
    }
  });

  it("accepts the dashes a word processor or chat puts in, and full-width letters", () => {
    expect(normalizeJoinCode("K7QD–M3XR")).toBe("K7QDM3XR");
    expect(normalizeJoinCode("K7QD—M3XR")).toBe("K7QDM3XR");
    expect(normalizeJoinCode("Ｋ７ＱＤ－Ｍ３ＸＲ")).toBe("K7QDM3XR");
  });

  it("reads Cyrillic look-alike letters as their Latin twins", () => {
    // "С", "Е", "К", "М", "Р", "Т", "Х", "А", "В", "Н", "У" typed on a Russian layout.
    expect(normalizeJoinCode("СЕКМ-РТХА")).toBe("CEKMPTXA");
    expect(normalizeJoinCode("вн2у-3456")).toBe("BH2Y3456");
  });

  it("refuses what cannot be a code", () => {
    for (const typed of [
      "",
      "K7QD-M3X",
      "K7QD-M3XRR",
      "K7QD-M3X0",
      "K7QD-M3XO",
      "K7QD-M3X1",
      "K7QD-M3XI",
      "K7QD-M3Xl",
      "K7QD/M3XR",
      "ЖЖЖЖЖЖЖЖ",
      "K".repeat(65),
    ]) {
      expect(normalizeJoinCode(typed), typed).toBeNull();
    }
  });
});

describe("formatJoinCode", () => {
  it("shows a code in two groups of four", () => {
    expect(formatJoinCode("K7QDM3XR")).toBe("K7QD-M3XR");
  });
});
