import { hashText } from "@/lib/core/deck/hash-text";

/*
 * Small pieces of Anki's conventions shared by the package and the text export: note GUIDs,
 * field HTML and tags (checked against ankitects/anki rslib/src/notes/mod.rs and
 * rslib/src/text.rs).
 */

/** Anki's base-91 alphabet for GUIDs (`anki_base91` in rslib/src/notes/mod.rs). */
export const ANKI_BASE91 =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

/** A 64-bit number in Anki's base 91, most significant digit first, like `to_base_n`. */
export function toAnkiBase91(value: bigint): string {
  let n = value;
  let out = "";
  while (n > 0n) {
    out = ANKI_BASE91[Number(n % 91n)] + out;
    n /= 91n;
  }
  return out;
}

/**
 * The note GUID of a question: Anki makes a random 64-bit number; ours is a hash of the stable
 * question id, so exporting again after an edit updates the note in Anki instead of adding one.
 */
export function ankiGuid(questionId: string): string {
  return toAnkiBase91(BigInt(`0x${hashText(`poddeck-note:${questionId}`)}`)) || "a";
}

/** Text as Anki field HTML: markup characters escaped, line breaks as `<br>`. */
export function escapeFieldHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r\n?|\n/g, "<br>");
}

/**
 * One Anki tag: tags are separated by spaces and `::` makes a hierarchy, so whitespace becomes
 * `_` and a tag is prefixed with `poddeck::` to keep ours together.
 */
export function ankiTag(kind: "concept" | "aspect" | "kind", value: string): string {
  const clean = value.trim().replace(/\s+/g, "_").replace(/:+/g, "-");
  return `poddeck::${kind}::${clean}`;
}
