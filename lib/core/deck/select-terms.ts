import type { ConceptMatcher } from "./concept-matcher";
import { normalizeText } from "./normalize-text";
import type { FoundTerm } from "./read-markdown-text";

const PRIORITY = { code: 0, bold: 1, named: 2 } as const;

/** Terms worth a cloze: not a concept's own name, each once, code and bold before named things. */
export function selectTerms(terms: readonly FoundTerm[], matcher: ConceptMatcher): string[] {
  const best = new Map<string, FoundTerm & { order: number }>();
  terms.forEach((term, order) => {
    const key = normalizeText(term.text);
    if (!key || matcher.matchWholePhrase(term.text) !== null) return;
    const known = best.get(key);
    if (!known || PRIORITY[term.source] < PRIORITY[known.source]) {
      best.set(key, { ...term, order: known?.order ?? order });
    }
  });
  return [...best.values()]
    .sort((a, b) => PRIORITY[a.source] - PRIORITY[b.source] || a.order - b.order)
    .map((term) => term.text);
}
