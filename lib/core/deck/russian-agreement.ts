import type { ConceptMention } from "./concept-matcher";
import type { Concept } from "./types";

const PLURAL_ADJECTIVE = /(?:^|[^\p{L}])(\p{L}{2,}[ыи]х)\s+$/u;
const LOCATIVE_PREPOSITION = /(?:^|[^\p{L}])(?:в|во|о|об|на|при)\s+\p{L}+\s+$/u;

/**
 * A question must read well even where its source slips: «в разных пода» (a singular noun after
 * a plural adjective) becomes «в разных подах». The cited quote keeps the source's own words.
 */
export function fixRussianAgreement(
  text: string,
  mentions: readonly ConceptMention[],
  concepts: ReadonlyMap<string, Concept>,
): string {
  let result = "";
  let cursor = 0;
  for (const mention of mentions) {
    const concept = concepts.get(mention.conceptKey);
    const before = text.slice(Math.max(0, mention.start - 30), mention.start);
    const singular =
      mention.forms.length > 0 && mention.forms.every((form) => !form.startsWith("plural"));
    if (!concept?.hasCaseForms || !singular || !PLURAL_ADJECTIVE.test(before)) continue;
    const form = LOCATIVE_PREPOSITION.test(before)
      ? concept.forms.pluralPrepositional
      : concept.forms.pluralGenitive;
    if (!form) continue;
    result += text.slice(cursor, mention.start) + form;
    cursor = mention.end;
  }
  return result + text.slice(cursor);
}
