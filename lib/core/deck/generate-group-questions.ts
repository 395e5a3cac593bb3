import { maskConcept } from "./concept-matcher";
import { hashText } from "./hash-text";
import { normalizeText } from "./normalize-text";
import {
  groupKey,
  makeQuestion,
  optionLetter,
  questionId,
  type GenerationContext,
  type Statement,
} from "./question-context";
import type { AspectKey, Concept, MatchingPairs, Provenance, Question } from "./types";

/** Questions made from several statements at once: matching and explain. */

const MAX_PAIRS = 5;
const MIN_PAIRS = 3;

/** Groups of 3..5 (the last one may take up to 7 rather than fall below 3). */
function chunkPairs<T>(items: readonly T[]): T[][] {
  if (items.length < MIN_PAIRS) return [];
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += MAX_PAIRS) {
    chunks.push(items.slice(start, start + MAX_PAIRS));
  }
  const last = chunks[chunks.length - 1];
  if (chunks.length > 1 && last && last.length < MIN_PAIRS) {
    chunks.pop();
    chunks[chunks.length - 1]?.push(...last);
  }
  return chunks;
}

/** The identity text of a group: its statements' normalized texts (what normalizeText would give). */
function normalizedOf(statements: readonly Statement[]): string {
  return statements.map((statement) => statement.normalized).join(" ");
}

/**
 * Where an aspect lives: under the differences heading for differences; facts on one aspect are
 * spread over the concept sections, so just the aspect's title.
 */
function aspectSection(statement: Statement): string[] {
  return statement.family === "difference" ? statement.provenance.section : [statement.aspectTitle];
}

function spanOf(statements: readonly Statement[], section: string[]): Provenance {
  return {
    section,
    line: Math.min(...statements.map((statement) => statement.provenance.line)),
    endLine: Math.max(...statements.map((statement) => statement.provenance.endLine)),
  };
}

/** A deterministic shuffle of the right column that never leaves every pair in place. */
function shuffleOrder(id: string, size: number): number[] {
  const order = Array.from({ length: size }, (_, index) => index).sort(
    (a, b) => hashText(`${id}:${a}`).localeCompare(hashText(`${id}:${b}`)) || a - b,
  );
  const unchanged = order.every((value, index) => value === index);
  return unchanged && size > 1 ? [...order.slice(1), order[0] ?? 0] : order;
}

interface Pair {
  left: string;
  right: string;
}

function buildPairs(
  id: string,
  pairs: readonly Pair[],
): { matching: MatchingPairs; answer: string } | null {
  const rights = new Set(pairs.map((pair) => normalizeText(pair.right)));
  const lefts = new Set(pairs.map((pair) => normalizeText(pair.left)));
  if (rights.size !== pairs.length || lefts.size !== pairs.length) return null;
  const order = shuffleOrder(id, pairs.length);
  const right = order.map((pairIndex, position) => ({
    id: String(position + 1),
    text: pairs[pairIndex]?.right ?? "",
  }));
  const solution: Record<string, string> = {};
  order.forEach((pairIndex, position) => {
    solution[optionLetter(pairIndex)] = String(position + 1);
  });
  return {
    matching: {
      left: pairs.map((pair, index) => ({ id: optionLetter(index), text: pair.left })),
      right,
      solution,
    },
    answer: pairs.map((pair) => `${pair.left} → ${pair.right}`).join("\n"),
  };
}

function firstSentenceMasked(statement: Statement): string {
  const first = statement.sentences[0] ?? statement.text;
  return maskConcept(first, mentionsIn(statement, first), statement.concept.key);
}

/** Mentions that fall inside the statement's first sentence (same offsets: it is a prefix). */
function mentionsIn(statement: Statement, sentence: string) {
  const offset = statement.text.indexOf(sentence);
  return statement.mentions
    .filter((mention) => mention.start >= offset && mention.end <= offset + sentence.length)
    .map((mention) => ({ ...mention, start: mention.start - offset, end: mention.end - offset }));
}

/** Aspects ↔ statements for one concept (its own section, and its side of the differences). */
function generateConceptMatching(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  for (const family of ["fact", "difference"] as const) {
    for (const concept of context.document.concepts) {
      const statements = context.byConcept.get(groupKey(family, concept.key)) ?? [];
      chunkPairs(statements).forEach((chunk, index) => {
        const nodeId = `${family}s:${concept.key}`;
        const id = questionId(context, "matching", nodeId, normalizedOf(chunk), String(index));
        const built = buildPairs(
          id,
          chunk.map((statement) => ({
            left: statement.aspectTitle,
            right: firstSentenceMasked(statement),
          })),
        );
        if (!built) return;
        const first = chunk[0];
        questions.push(
          makeQuestion(context, {
            id,
            kind: "matching",
            siblingKey: nodeId,
            prompt: context.templates.matchAspects(concept, family),
            answer: built.answer,
            matching: built.matching,
            explanation: context.templates.sourceSays(
              chunk.map((statement) => statement.text).join(" "),
            ),
            source: {
              ...spanOf(chunk, first ? first.provenance.section.slice(0, -1) : []),
              quote: chunk.map((statement) => statement.text).join("\n"),
            },
            concepts: [concept.key],
            aspect: first?.aspect ?? "definition",
            difficulty: 3 + (chunk.length > 3 ? 1 : 0),
          }),
        );
      });
    }
  }
  return questions;
}

/** Statements ↔ concepts for one aspect, when three or more concepts speak to it. */
function generateAspectMatching(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  for (const group of context.byGroup.values()) {
    const first = group[0];
    if (!first || group.length < MIN_PAIRS) continue;
    chunkPairs(group).forEach((chunk, index) => {
      const nodeId = `aspect:${first.aspect}`;
      const id = questionId(context, "matching", nodeId, normalizedOf(chunk), String(index));
      const built = buildPairs(
        id,
        chunk.map((statement) => ({ left: statement.masked, right: statement.concept.name })),
      );
      if (!built) return;
      questions.push(
        makeQuestion(context, {
          id,
          kind: "matching",
          siblingKey: nodeId,
          prompt: context.templates.matchConcepts(first.aspectTitle),
          answer: built.answer,
          matching: built.matching,
          explanation: context.templates.sourceSays(
            chunk.map((statement) => statement.text).join(" "),
          ),
          source: {
            ...spanOf(chunk, aspectSection(first)),
            quote: chunk.map((statement) => statement.text).join("\n"),
          },
          concepts: chunk.map((statement) => statement.concept.key),
          aspect: first.aspect,
          difficulty: 4,
        }),
      );
    });
  }
  return questions;
}

export function generateMatchingQuestions(context: GenerationContext): Question[] {
  return [...generateConceptMatching(context), ...generateAspectMatching(context)];
}

/** "Explain the difference in <aspect>": a model answer from every side, and key points. */
export function generateExplainQuestions(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  for (const group of context.byGroup.values()) {
    const first = group[0];
    if (!first || first.aspect === "example") continue;
    const concepts: Concept[] = [...new Map(group.map((s) => [s.concept.key, s.concept])).values()];
    if (concepts.length < 2) continue;
    // Facts and differences on one aspect share it: they are the same knowledge.
    const nodeId = `aspect:${first.aspect}`;
    const quote = group.map((statement) => statement.text).join("\n");
    const aspect: AspectKey = first.aspect;
    questions.push(
      makeQuestion(context, {
        id: questionId(context, "explain", nodeId, normalizedOf(group)),
        kind: "explain",
        siblingKey: nodeId,
        prompt: context.templates.explain(first.aspectTitle, concepts),
        answer: group.map((statement) => `${statement.concept.name}: ${statement.text}`).join("\n"),
        keyPoints: group.map(
          (statement) => `${statement.concept.name}: ${statement.sentences[0] ?? statement.text}`,
        ),
        explanation: context.templates.sourceSays(
          group.map((statement) => statement.text).join(" "),
        ),
        source: { ...spanOf(group, aspectSection(first)), quote },
        concepts: concepts.map((concept) => concept.key),
        aspect,
        difficulty: 4 + (concepts.length > 2 ? 1 : 0),
      }),
    );
  }
  return questions;
}
