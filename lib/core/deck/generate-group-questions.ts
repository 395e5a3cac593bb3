import { isSetAside, ownConcept, predicateOf, type Claim } from "./analyze-claims";
import { displayText } from "./generate-claim-questions";
import { hashText } from "./hash-text";
import { splitWords } from "./normalize-text";
import { makeQuestion, optionLetter, type GenerationContext } from "./question-context";
import { splitSentences } from "./split-sentences";
import { isWrittenAsWord, type WordCasing } from "./word-casing";
import type { AspectKey, Concept, MatchingPairs, Provenance, Question } from "./types";

/** Questions made from several claims at once: explain the difference, matching, scenarios. */

const MAX_PAIRS = 5;
const MIN_PAIRS = 3;

function spanOf(items: readonly { provenance: Provenance }[], section: string[]): Provenance {
  return {
    section,
    line: Math.min(...items.map((item) => item.provenance.line)),
    endLine: Math.max(...items.map((item) => item.provenance.endLine)),
  };
}

/** A deterministic shuffle of the right column that never leaves every pair in place. */
function shuffleOrder(seed: string, size: number): number[] {
  const order = Array.from({ length: size }, (_, index) => index).sort(
    (a, b) => hashText(`${seed}:${a}`).localeCompare(hashText(`${seed}:${b}`)) || a - b,
  );
  const unchanged = order.every((value, index) => value === index);
  return unchanged && size > 1 ? [...order.slice(1), order[0] ?? 0] : order;
}

interface Pair {
  left: string;
  right: string;
}

function buildPairs(
  seed: string,
  pairs: readonly Pair[],
): { matching: MatchingPairs; answer: string } {
  const order = shuffleOrder(seed, pairs.length);
  const solution: Record<string, string> = {};
  order.forEach((pairIndex, position) => {
    solution[optionLetter(pairIndex)] = String(position + 1);
  });
  return {
    matching: {
      left: pairs.map((pair, index) => ({ id: optionLetter(index), text: pair.left })),
      right: order.map((pairIndex, position) => ({
        id: String(position + 1),
        text: pairs[pairIndex]?.right ?? "",
      })),
      solution,
    },
    answer: pairs.map((pair) => `${pair.left} → ${pair.right}`).join("\n"),
  };
}

/**
 * Every five-letter run of each longer word, and the first four letters: «Масштабирование» and
 * «масштабируются» share a root, and so do «Назначение» and «предназначен».
 */
export function roots(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of splitWords(text)) {
    if (word.length < 4) continue;
    found.add(word.slice(0, 4));
    for (let start = 0; start + 5 <= word.length; start += 1)
      found.add(word.slice(start, start + 5));
  }
  return found;
}

function sharesRoot(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const root of a) if (b.has(root)) return true;
  return false;
}

/**
 * Pairs that cannot be matched by shared words: a pair whose two sides share a root with each
 * other, or with any other left label, is left out.
 */
function unguessablePairs(pairs: readonly Pair[]): Pair[] {
  // One set of every left label's roots: a pair per label would compare each pair with all.
  const leftRoots = new Set(pairs.flatMap((pair) => [...roots(pair.left)]));
  return pairs.filter((pair) => !sharesRoot(roots(pair.right), leftRoots));
}

/** Aspects ↔ what the document says of one concept on each (claims about that concept alone). */
function generateConceptMatching(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  for (const family of ["fact", "difference"] as const) {
    for (const concept of context.document.concepts) {
      const seen = new Set<AspectKey>();
      const claims = context.claims.filter((claim) => {
        if (claim.family !== family || ownConcept(claim) !== concept.key) return false;
        if (claim.aspect === "definition" || seen.has(claim.aspect)) return false;
        seen.add(claim.aspect);
        return true;
      });
      const pairs = unguessablePairs(
        claims.map((claim) => ({ left: claim.aspectTitle, right: displayText(context, claim) })),
      ).slice(0, MAX_PAIRS);
      if (pairs.length < MIN_PAIRS) continue;
      const used = claims.filter((claim) => pairs.some((pair) => pair.left === claim.aspectTitle));
      const prompt = context.templates.matchAspects(concept, family);
      const built = buildPairs(prompt, pairs);
      questions.push(
        makeQuestion(context, {
          kind: "matching",
          siblingKey: `${family}s:${concept.key}`,
          prompt,
          answer: built.answer,
          matching: built.matching,
          explanation: context.templates.sourceSays(used.map((claim) => claim.text).join(" ")),
          source: {
            ...spanOf(used, used[0]?.provenance.section.slice(0, -1) ?? []),
            quote: used.map((claim) => claim.text).join("\n"),
          },
          concepts: [concept.key],
          aspect: used[0]?.aspect ?? "definition",
          difficulty: 3 + (pairs.length > 3 ? 1 : 0),
        }),
      );
    }
  }
  return questions;
}

/** What each concept does on one aspect ↔ the concepts, when three or more speak to it. */
function generateAspectMatching(context: GenerationContext): Question[] {
  const byAspect = new Map<AspectKey, Claim[]>();
  for (const claim of context.claims) {
    const own = ownConcept(claim);
    if (!own || claim.aspect === "definition" || claim.family === "summary") continue;
    const list = byAspect.get(claim.aspect) ?? [];
    if (!list.some((other) => ownConcept(other) === own)) list.push(claim);
    byAspect.set(claim.aspect, list);
  }
  const questions: Question[] = [];
  for (const claims of byAspect.values()) {
    const first = claims[0];
    if (!first || claims.length < MIN_PAIRS) continue;
    const pairs = claims.slice(0, MAX_PAIRS).map((claim) => {
      const predicate = predicateOf(claim).replace(/^(?:—|–|-)\s*(?:это\s+)?/u, "");
      const concept = context.conceptByKey.get(ownConcept(claim) ?? "");
      return {
        left: predicate.charAt(0).toUpperCase() + predicate.slice(1),
        right: concept?.name ?? "",
      };
    });
    const prompt = context.templates.matchConcepts(first.aspectTitle);
    const built = buildPairs(prompt, pairs);
    questions.push(
      makeQuestion(context, {
        kind: "matching",
        siblingKey: `aspect:${first.aspect}`,
        prompt,
        answer: built.answer,
        matching: built.matching,
        explanation: context.templates.sourceSays(claims.map((claim) => claim.text).join(" ")),
        source: {
          ...spanOf(claims, first.provenance.section.slice(0, -1)),
          quote: claims.map((claim) => claim.text).join("\n"),
        },
        concepts: claims.map((claim) => ownConcept(claim) ?? ""),
        aspect: first.aspect,
        difficulty: 4,
      }),
    );
  }
  return questions;
}

export function generateMatchingQuestions(context: GenerationContext): Question[] {
  return [...generateConceptMatching(context), ...generateAspectMatching(context)];
}

/**
 * Lower-cases the first letter when the sentence continues another («…, а контейнеры …»), unless
 * the first word is a name the document always capitalises ("Kubernetes").
 */
function continueSentence(text: string, casing: WordCasing): string {
  const word = /^\p{L}+/u.exec(text)?.[0];
  if (!word) return text;
  const lower = word.charAt(0).toLowerCase() + word.slice(1);
  if (lower === word) return text;
  const writtenLower = isWrittenAsWord(casing, lower);
  const writtenMidSentence = casing.midSentence.has(word);
  if (writtenMidSentence && !writtenLower) return text;
  return lower + text.slice(word.length);
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.!…]+$/u, "");
}

/** One sentence that states the contrast: «A — это X, а B — это Y.» */
export function contrastSentence(
  context: GenerationContext,
  sides: readonly string[],
  listLike = false,
): string {
  const [first, ...rest] = sides.map(withoutFinalStop);
  // «…, а …, а …» chains: when a side already contrasts inside, a semicolon joins the sides.
  const joiner = context.templates.contrastJoiner;
  const nested = listLike || sides.some((side) => side.includes(joiner));
  const joined = [first ?? "", ...rest.map((side) => continueSentence(side, context.casing))].join(
    nested ? "; " : joiner,
  );
  return `${joined}.`;
}

const LEANS_ON_PREVIOUS =
  /^(?:он|она|оно|они|их|это|этот|эта|эти|такой|такие|it|its|they|their|them|this|these|those|such)(?:[^\p{L}]|$)/iu;

/** Each node's opening claim, by node id. */
function firstClaims(context: GenerationContext): Map<string, Claim> {
  const firsts = new Map<string, Claim>();
  for (const claim of context.claims) {
    if (claim.index === 0 && !firsts.has(claim.nodeId)) firsts.set(claim.nodeId, claim);
  }
  return firsts;
}

/** A labelled fragment ("StatefulSet — a stable name per pod"), not a sentence with a verb. */
function isLabelledFragment(claim: Claim): boolean {
  const subject = claim.subject;
  if (!subject || claim.relation) return false;
  return /^\s*[—–-]\s+(?!это\s)/u.test(claim.text.slice(subject.end));
}

/**
 * "Explain the difference in <aspect>": the model answer opens with the contrast in one
 * sentence, then the rest of what the document says; key points are each side's first sentence.
 */
export function generateExplainQuestions(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  const summary = summaryQuestion(context);
  if (summary) questions.push(summary);
  const leads = firstClaims(context);
  for (const group of context.byGroup.values()) {
    const first = group[0];
    if (!first || first.aspect === "example" || first.aspect === "definition") continue;
    const sided = group.flatMap((statement) => {
      const lead = leads.get(statement.nodeId);
      return lead ? [{ statement, lead }] : [];
    });
    const concepts: Concept[] = [
      ...new Map(sided.map(({ statement }) => [statement.concept.key, statement.concept])).values(),
    ];
    if (concepts.length < 2) continue;
    const sides = sided.map(({ lead }) => displayText(context, lead));
    // Labelled fragments joined by «а» or "while" read as broken prose: a semicolon lists them.
    const listLike = sided.some(({ lead }) => isLabelledFragment(lead));
    // A side with more to say follows in full, opening with its own subject, so nothing it adds
    // reads as if it were said of the other side.
    const details = sided
      .filter(({ statement }) => statement.sentences.length > 1)
      .map(({ statement }) => {
        const kept = statement.sentences.filter((s) => !isSetAside(context.document, s));
        const rest = kept.slice(1);
        // "Their names end in …" leans on the first sentence: then the side follows in full.
        const standalone = rest.every((sentence) => !LEANS_ON_PREVIOUS.test(sentence.trim()));
        return (standalone ? rest : kept).join(" ");
      })
      .filter((detail) => detail !== "");
    const quote = sided.map(({ statement }) => statement.text).join("\n");
    questions.push(
      makeQuestion(context, {
        kind: "explain",
        siblingKey: `aspect:${first.aspect}`,
        prompt: context.templates.explain(first.aspectTitle, concepts),
        answer: [contrastSentence(context, sides, listLike), ...details].join("\n"),
        keyPoints: sides,
        explanation: context.templates.sourceSays(
          group.map((statement) => statement.text).join(" "),
        ),
        source: {
          ...spanOf(
            group,
            first.family === "difference" ? first.provenance.section : [first.aspectTitle],
          ),
          quote,
        },
        concepts: concepts.map((concept) => concept.key),
        aspect: first.aspect,
        difficulty: 4 + (concepts.length > 2 ? 1 : 0),
      }),
    );
  }
  return questions;
}

/** "What is the main difference?", answered by the document's own summary. */
function summaryQuestion(context: GenerationContext): Question | null {
  const { summary } = context.document;
  if (!summary) return null;
  const keys = context.matcher.findConceptKeys(summary.text);
  const concepts = keys.flatMap((key) => context.conceptByKey.get(key) ?? []);
  if (concepts.length < 2) return null;
  const clauses = context.claims.filter((claim) => claim.family === "summary");
  return makeQuestion(context, {
    kind: "explain",
    siblingKey: "summary",
    prompt: context.templates.mainDifference(concepts),
    answer: summary.text,
    keyPoints: clauses.map((claim) => displayText(context, claim)),
    explanation: context.templates.sourceSays(summary.text),
    source: { ...summary.provenance, quote: summary.text },
    concepts: keys,
    aspect: "definition",
    difficulty: 3,
  });
}

const COMBINED_CHOICE =
  /(?:^|[^\p{L}])(?:both|together|combined|hybrid|оба|обе|вместе|совместно)(?:[^\p{L}]|$)/iu;

/**
 * Usage examples as scenarios: the situation, and the examples' titles as the choices. Left out
 * when the situation shares a word with its own title that the other titles lack.
 */
export function generateScenarioQuestions(context: GenerationContext): Question[] {
  const examples = context.document.examples.filter((example) => example.text.trim() !== "");
  if (examples.length < 2) return [];
  // "Both together" overlaps every other choice: the situations cannot have one answer each.
  if (examples.some((example) => COMBINED_CHOICE.test(example.title))) return [];
  const titles = examples.map((example) => roots(example.title));
  const questions: Question[] = [];
  examples.forEach((example, index) => {
    const situation = roots(example.text);
    const own = titles[index] ?? new Set<string>();
    const telling = [...own].filter(
      (root) => situation.has(root) && titles.every((other, j) => j === index || !other.has(root)),
    );
    if (telling.length > 0) return;
    // A situation that names a concept some choices lack answers itself.
    const named = context.matcher.findConceptKeys(example.text);
    const titled = examples.map(
      (candidate) => new Set(context.matcher.findConceptKeys(candidate.title)),
    );
    if (named.some((key) => !titled.every((keys) => keys.has(key)))) return;
    const options = examples.map((candidate, j) => ({
      id: optionLetter(j),
      text: candidate.title,
    }));
    const text = splitSentences(example.text).join(" ");
    questions.push(
      makeQuestion(context, {
        kind: "scenario",
        siblingKey: example.id,
        prompt: context.templates.scenario(text),
        answer: example.title,
        acceptedAnswers: [example.title],
        options,
        correctOptionId: optionLetter(index),
        explanation: context.templates.sourceSays(`${example.title}: ${example.text}`),
        source: { ...example.provenance, quote: `${example.title}: ${example.text}` },
        concepts: example.conceptKeys,
        aspect: "example",
        difficulty: 3,
      }),
    );
  });
  return questions;
}
