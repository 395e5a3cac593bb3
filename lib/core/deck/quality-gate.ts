import { analyzeClaim, type Claim } from "./analyze-claims";
import type { ConceptMatcher } from "./concept-matcher";
import { agreementGivesAway } from "./concept-agreement";
import { clozeProblem } from "./generate-claim-questions";
import { roots } from "./generate-group-questions";
import { containsWords, normalizeText, splitWords } from "./normalize-text";
import { QUALITY_RULES, type QualityRule } from "./quality-rules";
import type { ComparisonDocument, Question } from "./types";

export { QUALITY_RULES, type QualityRule };

/**
 * The quality gate: every generated question is checked against the rules in
 * docs/QUESTION-QUALITY.md; one that breaks a rule is not published. The generators try not to
 * make such questions in the first place; the gate is the independent second check, and the
 * property test runs it over every fixture document.
 */

export interface Violation {
  rule: QualityRule;
  message: string;
}

export interface GateContext {
  document: ComparisonDocument;
  matcher: ConceptMatcher;
  claims: readonly Claim[];
}

/** A scenario's situation: its prompt without the template's frame. */
function quotedScenario(question: Question): string {
  const { quote } = question.source;
  const title = `${question.answer}: `;
  return quote.startsWith(title) ? quote.slice(title.length) : question.prompt;
}

/** The statement inside a prompt's quotes («…», “…”), or the whole prompt. */
export function quotedText(prompt: string): string {
  const match = /[«“]([\s\S]*)[»”]\s*$/u.exec(prompt);
  return match?.[1] ?? prompt;
}

function givesAnswerAway(question: Question, context: GateContext): boolean {
  if (question.kind === "classify" || question.kind === "reverse-definition") {
    const answerKey = question.tags.concepts[0];
    if (context.matcher.findMentions(question.prompt).some((m) => m.conceptKey === answerKey)) {
      return true;
    }
    // A blank inside a name («External ___ Operator») breaks the name and points at the answer.
    if (/[\p{Ll},]\s+\p{Lu}[\p{L}-]*\s+_{3,}|_{3,}\s+\p{Lu}/u.test(question.prompt)) return true;
    // "containerd" spells "container": a word that starts with the answer's name.
    // ... and "stateful" half-spells "StatefulSet".
    const name = normalizeText(question.answer).replaceAll(" ", "");
    return (
      name.length >= 4 &&
      splitWords(question.prompt).some(
        (word) => word.startsWith(name) || (word.length >= 5 && name.startsWith(word)),
      )
    );
  }
  if (
    question.kind === "true-false" ||
    question.kind === "explain" ||
    question.kind === "matching"
  ) {
    return false;
  }
  return containsWords(splitWords(question.prompt), splitWords(question.answer));
}

function checkOptions(question: Question, context: GateContext, found: Violation[]): void {
  const options = question.options ?? [];
  if (options.length === 0 || question.kind === "true-false") return;
  if (options.some((option) => option.text.includes("___"))) {
    found.push({ rule: "blanked-option", message: QUALITY_RULES["blanked-option"] });
  }
  const texts = new Set(options.map((option) => normalizeText(option.text)));
  const keyed = options.filter((option) => option.id === question.correctOptionId);
  if (texts.size !== options.length || keyed.length !== 1) {
    found.push({ rule: "duplicate-options", message: QUALITY_RULES["duplicate-options"] });
  }
  // "What is true of pods in particular?" asks about a concept; "which statement is true?" not.
  const asked = context.matcher.findConceptKeys(question.prompt)[0];
  if (question.kind === "multiple-choice" && asked !== undefined) {
    const named = options.some(
      (option) =>
        option.id !== question.correctOptionId &&
        context.matcher.findMentions(option.text).some((m) => m.conceptKey === asked),
    );
    if (named) {
      found.push({
        rule: "distractor-names-concept",
        message: QUALITY_RULES["distractor-names-concept"],
      });
    }
  }
}

/** "Pods inside a container": the reverse of a relation the document states. */
/** Per claim list: every containment it states, as `inner␟outer`. */
const containments = new WeakMap<readonly Claim[], Set<string>>();

function statedContainments(claims: readonly Claim[]): Set<string> {
  let stated = containments.get(claims);
  if (!stated) {
    stated = new Set();
    for (const claim of claims) {
      if (claim.relation) stated.add(`${claim.relation.inner}\u001f${claim.relation.outer}`);
    }
    containments.set(claims, stated);
  }
  return stated;
}

function invertsContainment(statement: string, context: GateContext): boolean {
  const relation = analyzeClaim(statement, context.matcher, context.document.language).relation;
  if (!relation) return false;
  return statedContainments(context.claims).has(`${relation.outer}\u001f${relation.inner}`);
}

function checkTrueFalse(question: Question, context: GateContext, found: Violation[]): void {
  const statement = quotedText(question.prompt);
  const claim = analyzeClaim(statement, context.matcher, context.document.language);
  if (!claim.isFullSentence || claim.startsWithPronoun) {
    found.push({ rule: "not-a-sentence", message: QUALITY_RULES["not-a-sentence"] });
  }
  if (question.correctOptionId === "false" && invertsContainment(statement, context)) {
    found.push({ rule: "inverted-containment", message: QUALITY_RULES["inverted-containment"] });
  }
}

function checkCloze(question: Question, context: GateContext, found: Violation[]): void {
  const blanked = quotedText(question.prompt);
  const answer = normalizeText(question.answer);
  const title = ` ${normalizeText(context.document.title)} `;
  const problem =
    clozeProblem(blanked) ??
    (title.includes(` ${answer} `) ? "the blank is the document's subject" : null) ??
    (context.matcher.matchWholePhrase(question.answer) !== null ? "the blank is a concept" : null);
  if (problem) found.push({ rule: "poor-cloze-blank", message: problem });
}

function checkExplain(question: Question, context: GateContext, found: Violation[]): void {
  const [first = ""] = question.answer.split("\n");
  if (context.matcher.findConceptKeys(first).length < 2) {
    found.push({ rule: "no-contrast-first", message: QUALITY_RULES["no-contrast-first"] });
  }
  const repeats = question.answer.split("\n").some((line) => {
    const label = /^([^:\n]{1,40}):\s+(.*)$/u.exec(line);
    return (
      label?.[1] !== undefined && normalizeText(label[2] ?? "").startsWith(normalizeText(label[1]))
    );
  });
  if (repeats) found.push({ rule: "repeated-label", message: QUALITY_RULES["repeated-label"] });
}

function checkMatching(question: Question, found: Violation[]): void {
  const matching = question.matching;
  if (!matching) return;
  const labels = matching.left.map((option) => roots(option.text));
  const guessable = matching.right.some((option) => {
    const right = roots(option.text);
    return labels.some((label) => [...label].some((root) => right.has(root)));
  });
  if (guessable)
    found.push({ rule: "matching-by-words", message: QUALITY_RULES["matching-by-words"] });
}

/**
 * Concepts a Russian prompt names in a case the matcher cannot know: a document without a forms
 * table gives only the nominative («Заявка на том»), so «заявкой», «постоянным томом» or
 * «виртуальными» slip past it. A word of the name (5 letters or more) whose stem (all but its
 * last two letters, at least 5) starts a word of the prompt counts as naming that concept.
 */
function conceptsNamedByStem(prompt: string, context: GateContext): Set<string> {
  const named = new Set<string>();
  if (context.document.language !== "ru") return named;
  const words = splitWords(prompt.toLowerCase());
  for (const concept of context.document.concepts) {
    if (concept.hasCaseForms) continue;
    const stems = splitWords(concept.name.toLowerCase())
      .filter((word) => word.length >= 5)
      .map((word) => word.slice(0, Math.max(5, word.length - 2)));
    if (stems.some((stem) => words.some((word) => word.startsWith(stem)))) named.add(concept.key);
  }
  return named;
}

/** Every rule the question breaks (empty when it may be published). */
export function checkQuestion(question: Question, context: GateContext): Violation[] {
  const found: Violation[] = [];
  if (givesAnswerAway(question, context)) {
    found.push({ rule: "gives-answer-away", message: QUALITY_RULES["gives-answer-away"] });
  }
  if (question.kind === "classify" || question.kind === "reverse-definition") {
    const answerKey = question.tags.concepts[0];
    const byStem = conceptsNamedByStem(quotedText(question.prompt), context);
    // A gloss right after the blank («___ (PersistentVolume, PV)») is the answer's own name.
    if ((answerKey && byStem.has(answerKey)) || /_{3,}\s*\(/u.test(question.prompt)) {
      found.push({ rule: "gives-answer-away", message: QUALITY_RULES["gives-answer-away"] });
    }
    const others = context.matcher
      .findMentions(question.prompt)
      .filter((mention) => mention.conceptKey !== answerKey);
    if (others.length > 0 || [...byStem].some((key) => key !== answerKey)) {
      found.push({
        rule: "names-another-concept",
        message: QUALITY_RULES["names-another-concept"],
      });
    }
  }
  if (
    question.kind === "scenario" &&
    context.matcher.findMentions(quotedScenario(question)).length > 0
  ) {
    found.push({
      rule: "gives-answer-away",
      message: "the scenario names a concept: it describes its own answer",
    });
  }
  if (
    question.kind === "classify" &&
    agreementGivesAway(
      question.prompt,
      (question.options ?? []).map((option) => option.text),
      context.document.language,
    )
  ) {
    found.push({
      rule: "agreement-gives-answer-away",
      message: QUALITY_RULES["agreement-gives-answer-away"],
    });
  }
  checkOptions(question, context, found);
  if (question.kind === "true-false") checkTrueFalse(question, context, found);
  if (question.kind === "cloze") checkCloze(question, context, found);
  if (question.kind === "explain") checkExplain(question, context, found);
  if (question.kind === "matching") checkMatching(question, found);
  return found;
}
