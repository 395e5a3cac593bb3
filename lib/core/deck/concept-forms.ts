import { normalizeText } from "./normalize-text";
import type { ConceptForms, Language } from "./types";

export type FormKind = keyof ConceptForms;

/** The seven forms every concept has (the templates' vocabulary). */
const CASE_FORM_KINDS = [
  "nominative",
  "genitive",
  "dative",
  "accusative",
  "instrumental",
  "prepositional",
  "plural",
] as const satisfies readonly FormKind[];

/** Optional plural cases a forms table may add (used to recognize and swap more statements). */
const PLURAL_CASE_KINDS = [
  "pluralGenitive",
  "pluralDative",
  "pluralInstrumental",
  "pluralPrepositional",
] as const satisfies readonly FormKind[];

export const ALL_FORM_KINDS: readonly FormKind[] = [...CASE_FORM_KINDS, ...PLURAL_CASE_KINDS];

const PLURAL_FORM_KINDS: ReadonlySet<FormKind> = new Set(["plural", ...PLURAL_CASE_KINDS]);

export function isPluralForm(kind: FormKind): boolean {
  return PLURAL_FORM_KINDS.has(kind);
}

/** One row of a forms sidecar file: any subset of the forms, plus an optional stable key. */
export type ConceptFormsEntry = Partial<ConceptForms> & { key?: string };

/** Concept name (as in the heading, alias or not) → its forms. Read by the caller, not the core. */
export type ConceptFormsTable = Record<string, ConceptFormsEntry>;

export function findFormsEntry(
  table: ConceptFormsTable | undefined,
  names: readonly string[],
): ConceptFormsEntry | undefined {
  if (!table) return undefined;
  const wanted = new Set(names.map(normalizeText));
  for (const [name, entry] of Object.entries(table)) {
    if (wanted.has(normalizeText(name))) return entry;
  }
  return undefined;
}

/** Naive English plural: box → boxes, policy → policies, pod → pods. */
export function pluralizeEnglish(noun: string): string {
  if (/(?:s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "Container" is a common noun, "VM" or "Docker" is not; decided by how the document writes it. */
function toMidSentence(form: string, isCommonNoun: boolean): string {
  const isAcronym = /^\p{Lu}{2,}/u.test(form);
  return isCommonNoun && !isAcronym ? lowerFirst(form) : form;
}

export interface ResolvedForms {
  forms: ConceptForms;
  hasCaseForms: boolean;
}

/**
 * The grammatical forms of a concept, spelled as they stand mid-sentence. English derives them
 * from the name; Russian needs the table (without it every form is the name, and `hasCaseForms`
 * is false so templates fall back to the nominative).
 */
export function resolveConceptForms(input: {
  name: string;
  language: Language;
  entry: ConceptFormsEntry | undefined;
  isCommonNoun: boolean;
}): ResolvedForms {
  const { name, language, entry, isCommonNoun } = input;
  const nominative = entry?.nominative ?? name;
  const base: ConceptForms =
    language === "en"
      ? {
          nominative,
          genitive: nominative,
          dative: nominative,
          accusative: nominative,
          instrumental: nominative,
          prepositional: nominative,
          plural: pluralizeEnglish(nominative),
        }
      : {
          nominative,
          genitive: nominative,
          dative: nominative,
          accusative: nominative,
          instrumental: nominative,
          prepositional: nominative,
          plural: nominative,
        };
  const forms: ConceptForms = { ...base };
  for (const kind of ALL_FORM_KINDS) {
    const value = entry?.[kind] ?? base[kind];
    if (value !== undefined) forms[kind] = toMidSentence(value.trim(), isCommonNoun);
  }
  const hasCaseForms =
    language === "en" || CASE_FORM_KINDS.every((kind) => entry?.[kind] !== undefined);
  return { forms, hasCaseForms };
}

export type RussianGender = "masculine" | "feminine" | "neuter";

/** Gender of a Russian noun phrase from its nominative's last word; null when unclear (-ь). */
export function inferRussianGender(nominative: string): RussianGender | null {
  const words = normalizeText(nominative).split(" ");
  const last = words[words.length - 1] ?? "";
  if (!/[а-я]$/.test(last)) return null;
  if (/[ая]$/.test(last)) return "feminine";
  if (/[ое]$/.test(last)) return "neuter";
  if (/ь$/.test(last)) return null;
  return "masculine";
}

/** «о» or «об» before a Russian word. */
export function russianAbout(word: string): string {
  return /^[аиоуэ]/i.test(word) ? "об" : "о";
}

/** "a" or "an" before an English noun phrase (acronyms by their first letter's sound). */
export function englishArticle(phrase: string): string {
  if (/^\p{Lu}{2,}/u.test(phrase)) return /^[AEFHILMNORSX]/.test(phrase) ? "an" : "a";
  return /^[aeiou]/i.test(phrase) ? "an" : "a";
}
