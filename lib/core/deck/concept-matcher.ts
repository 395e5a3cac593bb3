import { ALL_FORM_KINDS, type FormKind } from "./concept-forms";
import { isSameWordForm, isWordCodePoint, normalizeText } from "./normalize-text";
import type { ConceptForms } from "./types";

export interface MatchableConcept {
  key: string;
  name: string;
  aliases: readonly string[];
  forms: ConceptForms;
}

/** A concept named in a text: its span, and which forms the matched words are (if known). */
export interface ConceptMention {
  conceptKey: string;
  start: number;
  end: number;
  /** Every form the words equal exactly («под»: nominative and accusative); empty when only
   * recognized by inflection or as an alias. */
  forms: FormKind[];
}

interface Variant {
  conceptKey: string;
  words: string[];
  forms: FormKind[];
}

interface Token {
  word: string;
  start: number;
  end: number;
}

const PREFIX_LENGTH = 3;

/** The runs of letters and digits (`/[\p{L}\p{N}]+/gu`), read through a lookup table. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let index = 0; index < text.length;) {
    const code = text.codePointAt(index) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    if (isWordCodePoint(code)) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      tokens.push(tokenAt(text, start, index));
      start = -1;
    }
    index += width;
  }
  if (start >= 0) tokens.push(tokenAt(text, start, text.length));
  return tokens;
}

function tokenAt(text: string, start: number, end: number): Token {
  // A run is already letters and digits only: folding case and ё is all that is left.
  return { word: text.slice(start, end).toLowerCase().replaceAll("ё", "е"), start, end };
}

function addToIndex(index: Map<string, Variant[]>, key: string, variant: Variant): void {
  const list = index.get(key);
  if (list) list.push(variant);
  else index.set(key, [variant]);
}

/** Finds concept names in any known form, alias or inflection, and masks or replaces them. */
export class ConceptMatcher {
  private readonly exact = new Map<string, Variant[]>();
  private readonly byPrefix = new Map<string, Variant[]>();
  /** One document's texts are searched again and again (prompts, options, the gate). */
  private readonly mentionsByText = new Map<string, ConceptMention[]>();

  constructor(concepts: readonly MatchableConcept[]) {
    for (const concept of concepts) {
      const variants = new Map<string, Variant>();
      const addVariant = (text: string, form: FormKind | null) => {
        const words = normalizeText(text).split(" ").filter(Boolean);
        if (words.length === 0) return;
        const id = words.join(" ");
        const variant = variants.get(id) ?? { conceptKey: concept.key, words, forms: [] };
        if (form && !variant.forms.includes(form)) variant.forms.push(form);
        variants.set(id, variant);
      };
      for (const kind of ALL_FORM_KINDS) {
        const value = concept.forms[kind];
        if (value !== undefined) addVariant(value, kind);
      }
      addVariant(concept.name, null);
      for (const alias of concept.aliases) {
        addVariant(alias, null);
        // An abbreviation's plural ("VMs") is not an English plural the stemmer knows.
        if (/^\p{Lu}{2,}$/u.test(alias)) addVariant(`${alias}s`, null);
      }
      for (const variant of variants.values()) {
        const first = variant.words[0] ?? "";
        addToIndex(this.exact, first, variant);
        addToIndex(this.byPrefix, first.slice(0, PREFIX_LENGTH), variant);
      }
    }
    // Longest variants first so «виртуальная машина» wins over a one-word alias.
    for (const list of [...this.exact.values(), ...this.byPrefix.values()]) {
      list.sort((a, b) => b.words.length - a.words.length);
    }
  }

  findMentions(text: string): ConceptMention[] {
    let mentions = this.mentionsByText.get(text);
    if (!mentions) {
      mentions = this.searchMentions(text);
      this.mentionsByText.set(text, mentions);
    }
    return mentions.map((mention) => ({ ...mention, forms: [...mention.forms] }));
  }

  private searchMentions(text: string): ConceptMention[] {
    const tokens = tokenize(text);
    const mentions: ConceptMention[] = [];
    let index = 0;
    while (index < tokens.length) {
      const match = this.matchAt(text, tokens, index);
      if (!match) {
        index += 1;
        continue;
      }
      const first = tokens[index];
      const last = tokens[index + match.length - 1];
      if (first && last) {
        mentions.push({
          conceptKey: match.variant.conceptKey,
          start: first.start,
          end: last.end,
          forms: match.exact ? [...match.variant.forms] : [],
        });
      }
      index += match.length;
    }
    return mergeAliasGlosses(text, mentions);
  }

  /** The concepts named in a text, each once, in order of first mention. */
  findConceptKeys(text: string): string[] {
    return [...new Set(this.findMentions(text).map((mention) => mention.conceptKey))];
  }

  /** The concept a short phrase names as a whole («Под (Pod)», "Pods"), or null. */
  matchWholePhrase(phrase: string): string | null {
    const trimmed = phrase.trim().replace(/^(?:the|a|an)\s+/i, "");
    const mentions = this.findMentions(trimmed);
    const only = mentions[0];
    if (mentions.length !== 1 || !only) return null;
    const rest = trimmed.slice(0, only.start) + trimmed.slice(only.end);
    return normalizeText(rest) === "" ? only.conceptKey : null;
  }

  private matchAt(
    text: string,
    tokens: readonly Token[],
    index: number,
  ): { variant: Variant; length: number; exact: boolean } | null {
    const token = tokens[index];
    if (!token) return null;
    for (const exact of [true, false]) {
      const candidates = exact
        ? this.exact.get(token.word)
        : this.byPrefix.get(token.word.slice(0, PREFIX_LENGTH));
      for (const variant of candidates ?? []) {
        if (this.variantMatches(text, tokens, index, variant, exact)) {
          return { variant, length: variant.words.length, exact };
        }
      }
    }
    return null;
  }

  private variantMatches(
    text: string,
    tokens: readonly Token[],
    index: number,
    variant: Variant,
    exact: boolean,
  ): boolean {
    for (let offset = 0; offset < variant.words.length; offset += 1) {
      const token = tokens[index + offset];
      const expected = variant.words[offset] ?? "";
      if (!token) return false;
      if (exact ? token.word !== expected : !isSameWordForm(token.word, expected)) return false;
      // Words of one name are separated by spaces only, not by punctuation.
      const previous = tokens[index + offset - 1];
      if (offset > 0 && previous && text.slice(previous.end, token.start).trim() !== "") {
        return false;
      }
    }
    return true;
  }
}

/** «под (Pod)» is one mention, not two. */
function mergeAliasGlosses(text: string, mentions: ConceptMention[]): ConceptMention[] {
  const merged: ConceptMention[] = [];
  for (const mention of mentions) {
    const previous = merged[merged.length - 1];
    if (
      previous &&
      previous.conceptKey === mention.conceptKey &&
      /^\s*\($/.test(text.slice(previous.end, mention.start)) &&
      text.charAt(mention.end) === ")"
    ) {
      previous.end = mention.end + 1;
      continue;
    }
    merged.push({ ...mention });
  }
  return merged;
}

const MASK = "___";

/** Replaces every mention of one concept with a blank. */
export function maskConcept(
  text: string,
  mentions: readonly ConceptMention[],
  key: string,
): string {
  let result = "";
  let cursor = 0;
  for (const mention of mentions) {
    if (mention.conceptKey !== key) continue;
    // "A ___" or "An ___" would tell which name fits: the blank takes either article.
    const before = text
      .slice(cursor, mention.start)
      .replace(
        /(^|[^\p{L}])([Aa])n?(\s+)$/u,
        (_, start: string, letter: string, space: string) => `${start}${letter}(n)${space}`,
      );
    result += before + MASK;
    cursor = mention.end;
  }
  return result + text.slice(cursor);
}
