import {
  englishArticle,
  inferRussianGender,
  isPluralForm,
  russianAbout,
  type FormKind,
} from "./concept-forms";
import type { ConceptMention } from "./concept-matcher";
import type { Concept, Language } from "./types";

/** Prepositions that settle which of two same-looking Russian cases a word is in. */
const PREPOSITIONAL_AFTER: ReadonlySet<string> = new Set([
  "в",
  "во",
  "на",
  "о",
  "об",
  "обо",
  "при",
]);
const DATIVE_AFTER: ReadonlySet<string> = new Set(["к", "ко", "по"]);

function previousWord(text: string, position: number): string {
  const match = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, position - 20), position));
  return (match?.[1] ?? "").toLowerCase();
}

/** The target concept's word in the same grammatical form as the mention, or null if unsure. */
function pickTargetForm(
  text: string,
  mention: ConceptMention,
  target: Concept,
  language: Language,
): string | null {
  const candidates = new Map<string, FormKind[]>();
  for (const kind of mention.forms) {
    const value = target.forms[kind];
    if (value === undefined) continue;
    candidates.set(value, [...(candidates.get(value) ?? []), kind]);
  }
  if (candidates.size === 1) return [...candidates.keys()][0] ?? null;
  if (candidates.size === 0 || language !== "ru") return null;
  const before = previousWord(text, mention.start);
  const wanted: FormKind | null = PREPOSITIONAL_AFTER.has(before)
    ? "prepositional"
    : DATIVE_AFTER.has(before)
      ? "dative"
      : null;
  for (const [value, kinds] of candidates) {
    if (wanted && kinds.includes(wanted)) return value;
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Keeps "a/an" and «о/об» right for the word that now follows them. */
function fixLeadingWord(segment: string, next: string, language: Language): string {
  if (language === "en") {
    return segment.replace(/\b([Aa])n?(\s+)$/, (_, letter: string, space: string) => {
      const article = englishArticle(next);
      return (letter === "A" ? capitalize(article) : article) + space;
    });
  }
  return segment.replace(
    /(^|[^\p{L}])([Оо])б?(\s+)$/u,
    (_, start: string, letter: string, space: string) => {
      const about = russianAbout(next);
      return start + (letter === "О" ? capitalize(about) : about) + space;
    },
  );
}

function canAgree(
  text: string,
  mention: ConceptMention,
  from: Concept,
  to: Concept,
  language: Language,
): boolean {
  if (language !== "ru") return true;
  if (from.hasCaseForms !== true || to.hasCaseForms !== true) return false;
  if (mention.forms.every(isPluralForm)) return true;
  // A singular form after a plural adjective («в разных пода») means the source's own
  // agreement is off: its case cannot be trusted, so nothing is built on it.
  if (/^\p{L}{2,}[ыи]х$/u.test(previousWord(text, mention.start))) return false;
  // A singular noun drags adjectives, pronouns and past-tense verbs along: same gender only.
  const gender = inferRussianGender(from.forms.nominative);
  return gender !== null && gender === inferRussianGender(to.forms.nominative);
}

/**
 * A statement about `subject` rewritten with `other` in its place (and `subject` in place of
 * `other`), each word in the same grammatical form: a false statement for a true/false card.
 * Null when any mention cannot be replaced grammatically.
 */
export function swapConcepts(input: {
  text: string;
  mentions: readonly ConceptMention[];
  subject: Concept;
  other: Concept;
  language: Language;
}): string | null {
  const { text, mentions, subject, other, language } = input;
  const relevant = mentions.filter(
    (mention) => mention.conceptKey === subject.key || mention.conceptKey === other.key,
  );
  if (!relevant.some((mention) => mention.conceptKey === subject.key)) return null;
  let result = "";
  let cursor = 0;
  for (const mention of relevant) {
    const [from, to] = mention.conceptKey === subject.key ? [subject, other] : [other, subject];
    if (mention.forms.length === 0 || !canAgree(text, mention, from, to, language)) return null;
    const form = pickTargetForm(text, mention, to, language);
    if (form === null) return null;
    const original = text.slice(mention.start, mention.end);
    const replacement = /^\p{Lu}/u.test(original) ? capitalize(form) : form;
    result +=
      fixLeadingWord(text.slice(cursor, mention.start), replacement, language) + replacement;
    cursor = mention.end;
  }
  return result + text.slice(cursor);
}
