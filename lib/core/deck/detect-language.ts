import type { Language } from "./types";

/** Russian when at least a third of the letters are Cyrillic (Russian tech prose is full of Latin). */
export function detectLanguage(text: string): Language {
  let cyrillic = 0;
  let letters = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x0400 && code <= 0x04ff) {
      cyrillic += 1;
      letters += 1;
    } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      letters += 1;
    }
  }
  return letters > 0 && cyrillic / letters >= 1 / 3 ? "ru" : "en";
}
