/**
 * A small pure hash (two 32-bit FNV-1a passes with different offsets, 16 hex digits) for stable
 * question ids and deterministic choices. Not cryptographic; node:crypto is not available in the
 * browser, where the core also runs.
 */
const FNV_PRIME = 0x01000193;
const OFFSET_A = 0x811c9dc5;
const OFFSET_B = 0x6c62272e;

function toHex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}

export function hashText(text: string): string {
  let a = OFFSET_A;
  let b = OFFSET_B;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, FNV_PRIME);
    // The second pass also mixes the position so the halves do not move in lockstep.
    b = Math.imul(b ^ ((code + index) & 0xffff), FNV_PRIME);
  }
  return toHex32(a) + toHex32(b);
}

/** A deterministic index in [0, size) derived from a text; size must be positive. */
export function hashToIndex(text: string, size: number): number {
  const hex = hashText(text);
  return Number.parseInt(hex.slice(0, 8), 16) % size;
}
