import { ownConcept, predicateOf, type Claim } from "./analyze-claims";
import { maskConcept } from "./concept-matcher";
import { hashToIndex } from "./hash-text";
import { normalizeText, splitWords, stemWord } from "./normalize-text";
import {
  conceptAnswers,
  lengthBonus,
  makeQuestion,
  optionLetter,
  type GenerationContext,
} from "./question-context";
import { OverlapIndex, overlapRatio } from "./overlap-index";
import { fixRussianAgreement } from "./russian-agreement";
import { swapConcepts } from "./swap-concepts";
import { WordRuns } from "./word-runs";
import type { Concept, Question, QuestionOption } from "./types";

/**
 * Questions made from single claims: "which concept?", true/false, cloze and multiple choice.
 * Each kind takes only the claims it can ask about without ambiguity (docs/QUESTION-QUALITY.md).
 */

function sourceOf(claim: Claim): Question["source"] {
  return { ...claim.provenance, quote: claim.text };
}

/** The claim as a question shows it: the source's own words, agreement slips mended. */
export function displayText(context: GenerationContext, claim: Claim): string {
  return context.document.language === "ru"
    ? fixRussianAgreement(claim.text, claim.mentions, context.conceptByKey)
    : claim.text;
}

function conceptOptions(concepts: readonly Concept[]): QuestionOption[] {
  return concepts.map((concept, index) => ({ id: optionLetter(index), text: concept.name }));
}

/** Per document: each text's content stems, and each word's stem, computed once. */
const stemCaches = new WeakMap<
  GenerationContext,
  { byText: Map<string, ReadonlySet<string>>; byWord: Map<string, string> }
>();

/**
 * Content words of a text, stemmed: what "says the same thing" is measured on. The same texts
 * are compared again and again (every claim against its aspect's others), so once per document.
 */
function contentStems(context: GenerationContext, text: string): ReadonlySet<string> {
  let cache = stemCaches.get(context);
  if (!cache) {
    cache = { byText: new Map(), byWord: new Map() };
    stemCaches.set(context, cache);
  }
  const { byText, byWord } = cache;
  let stems = byText.get(text);
  if (!stems) {
    const set = new Set<string>();
    for (const word of splitWords(text)) {
      if (word.length <= 3) continue;
      let stem = byWord.get(word);
      if (stem === undefined) {
        stem = stemWord(word);
        byWord.set(word, stem);
      }
      set.add(stem);
    }
    stems = set;
    byText.set(text, stems);
  }
  return stems;
}

/** Per document: what its claims say of each concept, by the stems of their predicates. */
const predicateIndexes = new WeakMap<GenerationContext, Map<string, OverlapIndex>>();

function predicateIndex(context: GenerationContext, conceptKey: string): OverlapIndex | undefined {
  let byConcept = predicateIndexes.get(context);
  if (!byConcept) {
    byConcept = new Map();
    for (const claim of context.claims) {
      const key = claim.subject?.conceptKey;
      if (key === undefined) continue;
      const index = byConcept.get(key) ?? new OverlapIndex();
      index.add(contentStems(context, predicateOf(claim)));
      byConcept.set(key, index);
    }
    predicateIndexes.set(context, byConcept);
  }
  return byConcept.get(conceptKey);
}

/** Whether the document says (nearly) the same of `conceptKey` somewhere. */
function saidOf(context: GenerationContext, conceptKey: string, text: string): boolean {
  return predicateIndex(context, conceptKey)?.hasOverlap(contentStems(context, text), 0.5) ?? false;
}

function classifyQuestion(
  context: GenerationContext,
  claim: Claim,
  conceptKey: string,
  prompt: string,
  difficulty: number,
): Question | null {
  const concept = context.conceptByKey.get(conceptKey);
  if (!concept) return null;
  const index = context.document.concepts.findIndex((candidate) => candidate.key === conceptKey);
  return makeQuestion(context, {
    kind: "classify",
    siblingKey: claim.nodeId,
    prompt,
    answer: concept.name,
    acceptedAnswers: conceptAnswers(concept),
    options: conceptOptions(context.document.concepts),
    correctOptionId: optionLetter(index),
    explanation: `${context.templates.answerIs(concept.name)} ${context.templates.sourceSays(claim.text)}`,
    source: sourceOf(claim),
    concepts: [conceptKey],
    aspect: claim.aspect,
    difficulty,
  });
}

/**
 * "Which concept?" for claims about one concept alone (never a relation such as «контейнеры
 * внутри пода»). A contrast with its negated half cut off («Kubernetes управляет ___») was tried
 * and struck by review: without the half the other concept is as defensible.
 */
export function generateClassifyQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  const questions: Question[] = [];
  const asked = new OverlapIndex();
  for (const claim of context.claims) {
    const own = ownConcept(claim);
    // A definition's opening sentence is the reverse-definition card already.
    const isDefinitionLead =
      claim.family === "fact" && claim.aspect === "definition" && claim.index === 0;
    // «Процессу лимиты не задают»: a blank in another case than the options' names misleads.
    const nominative =
      context.document.language !== "ru" ||
      (claim.subject?.forms ?? []).some((form) => form === "nominative" || form === "plural");
    if (own && !isDefinitionLead && nominative) {
      const others = context.document.concepts.filter((concept) => concept.key !== own);
      if (others.some((other) => saidOf(context, other.key, predicateOf(claim)))) continue;
      const masked = maskConcept(displayText(context, claim), claim.mentions, own);
      // The summary often repeats a difference: the same fact asked twice crowds out others.
      const stems = contentStems(context, masked);
      if (asked.hasOverlap(stems, 0.6)) continue;
      asked.add(stems);
      const question = classifyQuestion(
        context,
        claim,
        own,
        templates.classify(masked),
        2 + lengthBonus(claim.text),
      );
      if (question) questions.push(question);
    }
  }
  return balanceKeys(questions);
}

/** No concept is the key of more than twice as many "which concept?" items as another (≥ 2). */
function balanceKeys(questions: Question[]): Question[] {
  const byKey = new Map<string, number>();
  for (const question of questions) {
    byKey.set(question.answer, (byKey.get(question.answer) ?? 0) + 1);
  }
  const fewest = byKey.size < 2 ? 0 : Math.min(...byKey.values());
  const cap = Math.max(2, 2 * fewest);
  const taken = new Map<string, number>();
  return questions.filter((question) => {
    const count = (taken.get(question.answer) ?? 0) + 1;
    taken.set(question.answer, count);
    return count <= cap;
  });
}

function trueFalseOptions(context: GenerationContext): QuestionOption[] {
  return [
    { id: "true", text: context.templates.trueLabel },
    { id: "false", text: context.templates.falseLabel },
  ];
}

interface FalseStatement {
  text: string;
  why: Claim;
  concepts: string[];
}

/**
 * False statements the document itself contradicts, and nothing else:
 * - «…на уровне пода, а не отдельных контейнеров» with the two concepts swapped;
 * - a claim about containers *inside one pod* moved to containers *in different pods*;
 * - «Контейнер — это отдельный процесс» said of the other concept, when the document gives that
 *   concept a different identity on the same aspect, or the claim names the one smallest unit.
 * Never a swap that would put the holder inside what it holds.
 */
function identityKey(...parts: string[]): string {
  return parts.join("\u001f");
}

export function falseStatements(context: GenerationContext): FalseStatement[] {
  const { language, concepts } = context.document;
  const found: FalseStatement[] = [];
  const swap = (claim: Claim, subject: Concept, other: Concept) =>
    swapConcepts({
      text: displayText(context, claim),
      mentions: claim.mentions,
      subject,
      other,
      language,
    });
  // Which concepts the document gives an identity («X — это …») on each aspect, looked up
  // rather than searched for per claim and concept.
  const identities = new Set<string>();
  const withinByKey = new Map<string, Claim[]>();
  for (const candidate of context.claims) {
    const key = candidate.subject?.conceptKey;
    if (candidate.isCopular && key !== undefined && !candidate.relation) {
      identities.add(identityKey(candidate.aspect, candidate.family, key));
    }
    const inner = candidate.relation;
    if (inner && !inner.acrossUnits) {
      const withinKey = identityKey(candidate.aspect, inner.inner, inner.outer);
      withinByKey.set(withinKey, [...(withinByKey.get(withinKey) ?? []), candidate]);
    }
  }
  for (const claim of context.claims) {
    if (!claim.isFullSentence || claim.startsWithPronoun || claim.speaksOfContainment) continue;
    if (claim.aspect === "example") continue;
    // A name inside a field path or brackets ("backend.service.name") is not the concept to swap.
    const inName = claim.mentions.some(
      (m) =>
        /\w\.$/u.test(claim.text.slice(0, m.start)) ||
        /^\.\w/u.test(claim.text.slice(m.end)) ||
        /\([^)]*$/u.test(claim.text.slice(0, m.start)) ||
        // «его контейнер», "its pod": a possessive ties the name to its sentence.
        /(?:^|[^\p{L}])(?:его|её|ее|их|свой|своего|своих|its|their|his|her)\s+$/iu.test(
          claim.text.slice(Math.max(0, m.start - 12), m.start),
        ),
    );
    if (inName) continue;
    if (claim.negation && claim.concepts.length === 2) {
      const [a, b] = claim.concepts.map((key) => context.conceptByKey.get(key));
      const text = a && b ? swap(claim, a, b) : null;
      if (text) found.push({ text, why: claim, concepts: claim.concepts });
      continue;
    }
    const own = ownConcept(claim);
    const subject = own ? context.conceptByKey.get(own) : undefined;
    if (!own || !subject || !claim.isCopular) continue;
    for (const other of concepts) {
      if (other.key === subject.key) continue;
      const rival = identities.has(identityKey(claim.aspect, claim.family, other.key));
      // Only "the smallest / the basic unit" excludes the other concept outright; «Под — это
      // отдельное приложение» swapped from a difference was struck by review as arguable.
      const contradicted = claim.isSuperlative && rival;
      if (!contradicted || saidOf(context, other.key, predicateOf(claim))) continue;
      const text = swap(claim, subject, other);
      if (text) found.push({ text, why: claim, concepts: [own, other.key] });
    }
  }
  // Within one aspect: what holds inside one unit does not hold across different units.
  for (const across of context.claims) {
    const relation = across.relation;
    if (!relation?.acrossUnits) continue;
    const withinKey = identityKey(across.aspect, relation.inner, relation.outer);
    for (const within of withinByKey.get(withinKey) ?? []) {
      const inner = within.relation;
      if (!inner) continue;
      const qualifier = displayText(context, {
        ...across,
        text: relation.qualifier,
        mentions: across.mentions.filter((m) => m.end <= relation.qualifier.length),
      });
      const predicate = within.text.slice(inner.predicateStart).trim();
      found.push({
        text: `${qualifier} ${predicate}`,
        why: within,
        concepts: [relation.inner, relation.outer],
      });
    }
  }
  return found;
}

/**
 * True items for full claims (relations and contrasts first, which "which concept?" cannot
 * ask), false items only where the document contradicts them (falseStatements).
 */
export function generateTrueFalseQuestions(context: GenerationContext): Question[] {
  const { templates } = context;
  const options = trueFalseOptions(context);
  const questions: Question[] = [];
  for (const claim of context.claims) {
    if (!claim.isFullSentence || claim.startsWithPronoun || claim.aspect === "example") continue;
    if (claim.concepts.length === 0) continue;
    // The definition card asks this already.
    if (claim.family === "fact" && claim.aspect === "definition") continue;
    const text = displayText(context, claim);
    questions.push(
      makeQuestion(context, {
        kind: "true-false",
        siblingKey: claim.nodeId,
        prompt: templates.trueFalse(text),
        answer: templates.trueLabel,
        acceptedAnswers: [templates.trueLabel, ...templates.trueWords],
        options,
        correctOptionId: "true",
        explanation: `${templates.trueLabel}. ${templates.sourceSays(claim.text)}`,
        source: sourceOf(claim),
        concepts: claim.concepts,
        aspect: claim.aspect,
        difficulty: 1 + lengthBonus(claim.text),
      }),
    );
  }
  // A deck whose true/false items are almost all true teaches "answer true": at most three true
  // items per false one, and none when the document contradicts nothing.
  const falses = falseStatements(context);
  const pure = new Set(
    context.claims.filter((claim) => ownConcept(claim)).map((claim) => claim.text),
  );
  const rank = (question: Question) =>
    (pure.has(question.source.quote) ? 2 : 0) + (question.siblingKey.startsWith("diff:") ? 0 : 1);
  questions.sort((a, b) => rank(a) - rank(b));
  questions.splice(3 * falses.length);
  for (const statement of falses) {
    questions.push(
      makeQuestion(context, {
        kind: "true-false",
        siblingKey: statement.why.nodeId,
        prompt: templates.trueFalse(statement.text),
        answer: templates.falseLabel,
        acceptedAnswers: [templates.falseLabel, ...templates.falseWords],
        options,
        correctOptionId: "false",
        explanation: `${templates.falseLabel}. ${templates.sourceSays(statement.why.text)}`,
        source: sourceOf(statement.why),
        concepts: statement.concepts,
        aspect: statement.why.aspect,
        difficulty: 2 + lengthBonus(statement.text),
      }),
    );
  }
  return questions;
}

const CLOZE_BLANK = "_____";

function isWordChar(char: string): boolean {
  return /[\p{L}\p{N}]/u.test(char);
}

/** Blanks every whole-word occurrence of a term (case-insensitive); null when there is none. */
export function blankTerm(sentence: string, term: string): string | null {
  const haystack = sentence.toLowerCase();
  const needle = term.toLowerCase();
  let result = "";
  let cursor = 0;
  let found = false;
  for (
    let index = haystack.indexOf(needle);
    index >= 0;
    index = haystack.indexOf(needle, index + 1)
  ) {
    const before = sentence.charAt(index - 1);
    const after = sentence.charAt(index + needle.length);
    if (index < cursor || isWordChar(before) || isWordChar(after)) continue;
    result += sentence.slice(cursor, index) + CLOZE_BLANK;
    cursor = index + needle.length;
    found = true;
  }
  return found ? result + sentence.slice(cursor) : null;
}

/** Terms that name the document's platform or subject: in its title, or all over it. */
function subjectTerms(context: GenerationContext): Set<string> {
  const { document } = context;
  const spread = new Map<string, Set<string>>();
  for (const statement of context.statements) {
    for (const term of statement.terms) {
      const key = normalizeText(term);
      spread.set(key, (spread.get(key) ?? new Set()).add(statement.nodeId));
    }
  }
  const everywhere = new WordRuns(context.statements.map((statement) => statement.normalized));
  const title = normalizeText(document.title);
  const summary = normalizeText(document.summary?.text ?? "");
  const subject = new Set<string>();
  for (const [term, nodes] of spread) {
    const inTitle = ` ${title} `.includes(` ${term} `);
    const inSummary = ` ${summary} `.includes(` ${term} `);
    if (inTitle || inSummary || nodes.size >= 3 || everywhere.countUpTo(term, 3) >= 3) {
      subject.add(term);
    }
  }
  return subject;
}

/**
 * Blanks a term that tells the concepts apart: a code span, bold term or name in a claim, never
 * the platform, never after "e.g." and never a translation or expansion in brackets (the
 * quality gate re-checks each of these on the finished question).
 */
export function generateClozeQuestions(context: GenerationContext): Question[] {
  const questions: Question[] = [];
  const excluded = subjectTerms(context);
  // One cloze per answer: the same blank twice is the same question.
  const usedAnswers = new Set<string>();
  const termsOf = new Map(
    context.statements.map((statement) => [statement.nodeId, statement.terms]),
  );
  for (const claim of context.claims) {
    if (!claim.isFullSentence || claim.startsWithPronoun || claim.aspect === "example") continue;
    // A sentence that names no concept does not say what it is about.
    if (claim.concepts.length === 0) continue;
    const text = displayText(context, claim);
    for (const term of termsOf.get(claim.nodeId) ?? []) {
      const key = normalizeText(term);
      // Two- and three-letter acronyms ("IP", "DNS") are trivia that any "___ address" gives away.
      if (key.length < 4 || excluded.has(key) || usedAnswers.has(key) || /^\d+$/.test(key))
        continue;
      // A whole command or a phrase is not recalled word for word; a concept is not a term.
      if (key.split(" ").length > 2 || term.length > 30) continue;
      if (key.split(" ").some((word) => excluded.has(word))) continue;
      if (context.matcher.findMentions(term).length > 0) continue;
      const blanked = blankTerm(text, term);
      if (blanked === null || clozeProblem(blanked) !== null) continue;
      questions.push(
        makeQuestion(context, {
          kind: "cloze",
          siblingKey: claim.nodeId,
          prompt: context.templates.cloze(blanked),
          answer: term,
          acceptedAnswers: [term],
          explanation: context.templates.sourceSays(claim.text),
          source: sourceOf(claim),
          concepts: claim.concepts,
          aspect: claim.aspect,
          difficulty: 3 + (/\s/.test(term) ? 1 : 0),
        }),
      );
      usedAnswers.add(key);
      break;
    }
  }
  return questions;
}

const EXAMPLE_LEAD =
  /(?:например|напр\.|e\.g\.|for example|for instance|such as|такие как|такой как|like)[\s,:]*(?:через\s+|through\s+|a\s+|an\s+)?$/iu;

/** Why a blanked sentence makes a poor cloze, or null. Shared with the quality gate. */
export function clozeProblem(blanked: string): string | null {
  const at = blanked.indexOf(CLOZE_BLANK);
  if (at < 0) return "no blank";
  const before = blanked.slice(0, at);
  const after = blanked.slice(at + CLOZE_BLANK.length);
  if (EXAMPLE_LEAD.test(before)) return "the blank follows “e.g.”: more than one answer fits";
  if (/\S\s*\($/u.test(before) || /^\s*\(/.test(after)) {
    return "the blank is a translation or expansion in brackets";
  }
  if (/\([^)]*$/.test(before) && /^[^(]*\)/.test(after)) return "the blank is an aside in brackets";
  if (/(?:,|\s(?:or|and|или|и))\s*$/u.test(before) || /^\s*(?:,|(?:or|and|или|и)\s)/u.test(after)) {
    return "the blank is one item of a list: any other item fits as well";
  }
  return null;
}

const MIN_DISTRACTORS = 2;

/**
 * "<aspect>: what is true of pods in particular?" with what each concept is said to do on that
 * aspect as options (the subject cut off, nothing blanked). Wrong options come from the other
 * concepts on the same aspect and are checked not to be said of the asked one anywhere; with
 * fewer than three concepts on an aspect there is no honest third option, so no question.
 */
export function generateMultipleChoiceQuestions(context: GenerationContext): Question[] {
  const byAspect = new Map<string, Claim[]>();
  for (const claim of context.claims) {
    if (claim.family !== "fact" && claim.family !== "difference") continue;
    if (claim.aspect === "definition" || claim.aspect === "example" || !ownConcept(claim)) continue;
    const list = byAspect.get(claim.aspect) ?? [];
    if (!list.some((other) => other.subject?.conceptKey === claim.subject?.conceptKey))
      list.push(claim);
    byAspect.set(claim.aspect, list);
  }
  const questions: Question[] = [];
  for (const group of byAspect.values()) {
    if (group.length < MIN_DISTRACTORS + 1) continue;
    for (const claim of group) {
      const conceptKey = ownConcept(claim);
      const concept = conceptKey ? context.conceptByKey.get(conceptKey) : undefined;
      if (!concept) continue;
      const distractors = group
        .filter((other) => other !== claim && !saidOf(context, concept.key, predicateOf(other)))
        .map(optionText);
      if (distractors.length < MIN_DISTRACTORS) continue;
      const correct = optionText(claim);
      const prompt = context.templates.multipleChoice(claim.aspectTitle, concept);
      questions.push(
        choiceQuestion(context, {
          claim,
          prompt,
          correct,
          wrong: distractors,
          concepts: [concept.key],
        }),
      );
    }
  }
  return questions;
}

/** A multiple-choice item: the right option's place comes from its text, the same on every build. */
function choiceQuestion(
  context: GenerationContext,
  input: { claim: Claim; prompt: string; correct: string; wrong: string[]; concepts: string[] },
): Question {
  const { claim, prompt, correct } = input;
  const texts = [...input.wrong];
  const position = hashToIndex(`${prompt}:${correct}`, texts.length + 1);
  texts.splice(position, 0, correct);
  return makeQuestion(context, {
    kind: "multiple-choice",
    siblingKey: claim.nodeId,
    prompt,
    answer: correct,
    acceptedAnswers: [correct],
    options: texts.map((text, index) => ({ id: optionLetter(index), text })),
    correctOptionId: optionLetter(position),
    explanation: context.templates.sourceSays(claim.text),
    source: sourceOf(claim),
    concepts: input.concepts,
    aspect: claim.aspect,
    difficulty: 3 + lengthBonus(claim.text),
  });
}

/**
 * "<aspect>: which statement is true?": a claim, its own false twin (the one word that matters
 * changed) and a second false statement. Every wrong option is one the document contradicts.
 */
export function generateTrueStatementQuestions(context: GenerationContext): Question[] {
  const pool = falseStatements(context);
  if (pool.length < MIN_DISTRACTORS) return [];
  return pool.flatMap((twin, index) => {
    const claim = twin.why;
    const correct = displayText(context, claim);
    // The second wrong option is the false statement closest to the claim in content: on topic.
    const stems = contentStems(context, correct);
    const others = pool
      .filter((other) => other.why !== claim)
      .map((other, at) => ({
        other,
        score: overlapRatio(contentStems(context, other.text), stems),
        at,
      }))
      .sort(
        (a, b) =>
          b.score - a.score ||
          hashToIndex(`${twin.text}:${index}:${a.at}`, 7) -
            hashToIndex(`${twin.text}:${index}:${b.at}`, 7),
      );
    // An option from another topic is a give-away, not a distractor.
    const second = others[0] && others[0].score >= 0.25 ? others[0].other : undefined;
    if (!second) return [];
    const prompt = context.templates.whichIsTrue(claim.aspectTitle);
    const wrong = [twin.text, second.text];
    return [choiceQuestion(context, { claim, prompt, correct, wrong, concepts: twin.concepts })];
  });
}

/** «Подами управляет Kubernetes» → «Управляет Kubernetes»: what the claim says, as an option. */
function optionText(claim: Claim): string {
  const predicate = predicateOf(claim)
    .replace(/^(?:—|–|-)\s*(?:это\s+)?/u, "")
    .replace(/^(?:is|are)\s+/i, "");
  return predicate.charAt(0).toUpperCase() + predicate.slice(1);
}
