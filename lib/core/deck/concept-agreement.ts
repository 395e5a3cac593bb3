import type { Language } from "./types";

/*
 * A "which concept?" blank stands where a concept's name stood, and the words around it agree
 * with that name: «___ стартуют» can only be «Контейнеры», «___ отделена» only «Виртуальная
 * машина», "___ start" only "Containers". When the options do not all agree alike, grammar
 * answers the question.
 */

const LATIN = /^[a-z]/i;

/**
 * What the rest of a sentence agrees with: number, and in Russian the gender of a singular.
 * From the name as written (a forms table has cases, not genders); null when unsure.
 */
export function agreementOf(name: string, language: Language): string | null {
  const words = name.trim().toLowerCase().split(/\s+/u);
  if (language === "en") {
    const last = words.at(-1) ?? "";
    return /s$/u.test(last) && !/(?:ss|us|is)$/u.test(last) ? "plural" : "singular";
  }
  const first = words[0] ?? "";
  // Russian speaks of a Latin-script product or object name as a masculine singular.
  if (LATIN.test(first)) return "masculine";
  const adjective = words.find((word) => /(?:ая|яя|ый|ий|ой|ое|ее|ые|ие)$/u.test(word));
  if (adjective && words.length > 1) {
    if (/(?:ая|яя)$/u.test(adjective)) return "feminine";
    if (/(?:ые|ие)$/u.test(adjective)) return "plural";
    if (/(?:ое|ее)$/u.test(adjective)) return "neuter";
    return "masculine";
  }
  if (/[ыи]$/u.test(first)) return "plural";
  if (/[ая]$/u.test(first)) return "feminine";
  if (/[оеё]$/u.test(first)) return "neuter";
  if (/ь$/u.test(first)) return null; // «путь» or «память»: either gender
  return "masculine";
}

/**
 * A Russian word that shows a singular's gender: a past-tense verb or a short adjective or
 * participle («была», «отделена», «создано», «запущен»). A present-tense verb shows only number.
 */
const GENDERED_WORD = /^\p{L}+(?:л|ла|ло|на|но|ена|ён|ен|ан|ян|та|то)$/u;

/** A word before a noun that shows its gender: «каждая», «этот», «новое», «такая». */
const GENDERED_BEFORE = /(?:ая|яя|ый|ий|ой|ое|ее|эта|этот|это|каждый)$/u;

const GENDERED_PRONOUNS = new Set(
  "он она оно его её ее ему ей него неё нее нему ней нём нем".split(" "),
);

function number(form: string): string {
  return form === "plural" ? "plural" : "singular";
}

/**
 * Whether the words around a blank ("___") point at one of the names: the names differ in
 * number, or (Russian) they are singulars of different genders and the word after the blank
 * shows gender. Unsure (a name of unknown gender) counts as giving it away.
 */
export function agreementGivesAway(
  prompt: string,
  names: readonly string[],
  language: Language,
): boolean {
  const forms = names.map((name) => agreementOf(name, language));
  if (forms.some((form) => form === null)) return true;
  const [first, ...rest] = forms as string[];
  if (rest.some((form) => number(form) !== number(first!))) return true;
  if (rest.every((form) => form === first)) return false;
  const before = /(\p{L}+)\s+_{3,}/u.exec(prompt)?.[1] ?? "";
  const after = /_{3,}\s+(\p{L}+)/u.exec(prompt)?.[1] ?? "";
  return (
    GENDERED_BEFORE.test(before.toLowerCase()) ||
    GENDERED_WORD.test(after.toLowerCase()) ||
    // «…сослаться на неё», «ему не нужно»: a pronoun further on may point back at the blank.
    prompt
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .some((word) => GENDERED_PRONOUNS.has(word))
  );
}
