/**
 * Join codes: short enough to read aloud and type, long enough that guessing one is hopeless.
 *
 * The alphabet has no character a reader could take for another: no 0/O, no 1/I/L. 31 symbols
 * and 8 characters give 31^8 ≈ 8.5 × 10^11 codes (39.6 bits); with the per-address limit on
 * wrong codes (RATE_LIMITS.joinCodeAttemptsPerAddress) an address can try a few thousand a day.
 * Codes are stored normalized (upper case, no separators) and shown in two groups of four.
 */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 8;
const GROUP = 4;

/** A uniform random integer in [0, size): `crypto.randomInt` on the server, a sequence in tests. */
export type RandomIndex = (size: number) => number;

export function generateJoinCode(randomIndex: RandomIndex): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    const index = randomIndex(JOIN_CODE_ALPHABET.length);
    if (!Number.isInteger(index) || index < 0 || index >= JOIN_CODE_ALPHABET.length) {
      throw new RangeError(`random index ${index} is outside [0, ${JOIN_CODE_ALPHABET.length})`);
    }
    code += JOIN_CODE_ALPHABET[index];
  }
  return code;
}

/**
 * Cyrillic capitals that look like Latin ones: a student who reads "KMP3…" off the board and
 * types it on a Russian layout gets the code anyway.
 */
const LOOK_ALIKES: Record<string, string> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
};

/** Separators people put in or copy along: spaces, dashes of every kind, dots, underscores. */
const SEPARATORS = /[\s\-‐‑‒–—―_.·]/g;

/**
 * The stored form of what someone typed, or null when it cannot be a code: case and separators
 * do not matter, full-width and Cyrillic look-alike letters count as their Latin twins.
 */
export function normalizeJoinCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = [...input.normalize("NFKC").toUpperCase().replace(SEPARATORS, "")]
    .map((char) => LOOK_ALIKES[char] ?? char)
    .join("");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** "K7QDM3XR" → "K7QD-M3XR": how a code is shown and put into links. */
export function formatJoinCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP));
  return groups.join("-");
}
