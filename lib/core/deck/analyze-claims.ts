import type { ConceptMatcher, ConceptMention } from "./concept-matcher";
import { splitSentences } from "./split-sentences";
import type { AspectKey, ComparisonDocument, Language, Provenance } from "./types";

/**
 * One sentence (or one side of an «A — …, а B — …» sentence) the document asserts, read for
 * what it is about. Questions are built from claims, never from a statement's position: a
 * difference bullet listed under "container" that talks about containers *inside a pod* is a
 * relation between the two concepts, not a fact about containers.
 */
export interface Claim {
  /** The fact, difference, summary or conclusion the claim comes from (siblings share it). */
  nodeId: string;
  family: "fact" | "difference" | "summary" | "conclusion";
  aspect: AspectKey;
  aspectTitle: string;
  /** Position of the sentence within its node (the first sentence of a definition is 0). */
  index: number;
  text: string;
  provenance: Provenance;
  mentions: ConceptMention[];
  /** Every concept named, in order of first mention. */
  concepts: string[];
  /** The concept the sentence opens with, after a determiner («Каждый контейнер …»). */
  subject: ConceptMention | null;
  /** «Контейнеры внутри пода …»: the subject is qualified by another concept. */
  relation: Relation | null;
  /** «…на уровне пода, а не отдельных контейнеров»: where the negated part starts. */
  negation: { at: number } | null;
  /** Has a verb: a full sentence, not a noun phrase such as «Запуск веб-сервера в контейнере». */
  isFullSentence: boolean;
  /** Starts with «Он», "It", or leans on a sentence not shown («тем же», "their"). */
  startsWithPronoun: boolean;
  /** «X — это …», "X is a …": says what the subject is. */
  isCopular: boolean;
  /** Talks about one concept holding or grouping another: swapping concepts would invert it. */
  speaksOfContainment: boolean;
  /** "smallest", «минимальная», "basic unit": only one concept can be it. */
  isSuperlative: boolean;
}

export interface Relation {
  inner: string;
  outer: string;
  /** The subject phrase «Контейнеры в разных подах», and where the predicate starts. */
  qualifier: string;
  predicateStart: number;
  /** «в разных подах», "in different pods": the subject spans several outer units. */
  acrossUnits: boolean;
}

const DETERMINERS: Record<Language, RegExp> = {
  ru: /^(?:каждый|каждая|каждое|каждые|все|любой|любая|любое)\s+/iu,
  en: /^(?:each|every|all|any|a|an|the)\s+/i,
};

const RELATION_LINK: Record<Language, RegExp> = {
  ru: /^\s+(?:внутри|в|во|из|на)\s+(?:(?:одного|одном|одной|разных|различных|других|другого|соседних|отдельных)\s+)?$/iu,
  en: /^\s+(?:inside|in|within|of|on|from)\s+(?:(?:a|an|the|one|the same|different|other|another|separate|several)\s+)?$/i,
};

const ACROSS_UNITS: Record<Language, RegExp> = {
  ru: /(?:разных|различных|других|другого|соседних|отдельных)/iu,
  en: /\b(?:different|other|another|separate|several)\b/i,
};

const NEGATION: Record<Language, RegExp> = {
  ru: /,\s+(?:а\s+не|но\s+не)\s+/iu,
  en: /,\s+(?:not|but not|rather than|instead of)\s+/i,
};

// Words that point to a sentence the learner does not see (when no concept opens the claim).
const DANGLING: Record<Language, RegExp> = {
  ru: /(?:^|[^\p{L}])(?:их|им|ими|его|её|ее|тем\s+же|того\s+же|такой\s+же|такие\s+же|этого|этих)(?=[^\p{L}]|$)/iu,
  en: /\b(?:their|them|they|it|its|the same|such)\b/i,
};

const PRONOUN_START: Record<Language, RegExp> = {
  ru: /^(?:он|она|оно|они|это|этот|эта|эти|такой|такие)\s/iu,
  en: /^(?:it|they|this|these|those|that|such)\s/i,
};

const COPULA: Record<Language, RegExp> = {
  ru: /^\s*(?:\([^)]*\)\s*)?(?:—|–|-)\s/u,
  en: /^\s*(?:\([^)]*\)\s*)?(?:is|are)\s+(?:a|an|the)\s/i,
};

// Stems, so every inflection counts («группа», «группировки», «содержит»).
const CONTAINMENT: Record<Language, RegExp> = {
  ru: /(?:внутри|групп|содерж|состо[иья]т\s+из|включа|объедин)/iu,
  en: /\b(?:inside|within|group|grouping|groups|contains?|containing|holds?|consists?\s+of|includes?|wraps?)\b/i,
};

const SUPERLATIVE: Record<Language, RegExp> = {
  ru: /(?:минимальн|наименьш|базов|основн\S*\s+единиц|единственн)/iu,
  en: /\b(?:smallest|minimal|minimum|basic\s+unit|base\s+unit|only)\b/i,
};

// A Russian finite verb, participle or short form; «—» stands for the copula.
const RUSSIAN_VERB =
  /(?:^|[^\p{L}])\p{L}{2,}(?:ет|ёт|ют|ут|ит|ат|ят|ется|ются|ится|ятся|ётся|ал|ала|ало|али|ил|ила|ило|или|ыл|ыла|ыли|ен|ена|ено|ены|ан|ана|ано|аны|ть)(?=[^\p{L}]|$)/u;
const ENGLISH_AUX =
  /\b(?:is|are|was|were|be|been|has|have|had|can|cannot|could|must|should|will|would|may|might|does|do|did|need|needs)\b/i;
const ENGLISH_NOT_VERB = new Set([
  "a",
  "an",
  "the",
  "with",
  "for",
  "of",
  "in",
  "inside",
  "and",
  "or",
  "on",
  "from",
  "that",
  "which",
  "who",
]);

function firstWordAfter(text: string, offset: number): string {
  return (/^[\s,]*([\p{L}]+)/u.exec(text.slice(offset))?.[1] ?? "").toLowerCase();
}

function hasVerb(text: string, language: Language, predicateStart: number | null): boolean {
  if (language === "ru") return RUSSIAN_VERB.test(text) || /\s—\s/.test(text);
  if (ENGLISH_AUX.test(text)) return true;
  // "Containers scale independently": the word after a sentence-opening subject is its verb.
  if (predicateStart !== null) {
    const next = firstWordAfter(text, predicateStart);
    return next !== "" && !ENGLISH_NOT_VERB.has(next);
  }
  // "Kubernetes manages pods": a capitalised name, then a verb in -s.
  return /^\p{Lu}[\p{L}-]*\s+\p{Ll}+(?:s|ed)\b/u.test(text);
}

function subjectOf(text: string, mentions: readonly ConceptMention[], language: Language) {
  const lead = /^[\s«"“(]*/u.exec(text)?.[0].length ?? 0;
  const determiner = DETERMINERS[language].exec(text.slice(lead))?.[0].length ?? 0;
  const start = lead + determiner;
  return mentions.find((mention) => mention.start === start) ?? null;
}

function relationOf(
  text: string,
  subject: ConceptMention | null,
  mentions: readonly ConceptMention[],
  language: Language,
): Relation | null {
  if (!subject) return null;
  const next = mentions.find((mention) => mention.start >= subject.end);
  if (!next || next.conceptKey === subject.conceptKey) return null;
  const link = text.slice(subject.end, next.start);
  if (!RELATION_LINK[language].test(link)) return null;
  return {
    inner: subject.conceptKey,
    outer: next.conceptKey,
    qualifier: text.slice(0, next.end),
    predicateStart: next.end,
    acrossUnits: ACROSS_UNITS[language].test(link),
  };
}

function withFinalStop(text: string): string {
  const trimmed = text.trim().replace(/[,;:]+$/, "");
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CLAUSE_JOINER: Record<Language, RegExp> = {
  ru: /,\s+а\s+(?=\S)/u,
  en: /,\s+(?:while|whereas)\s+(?=\S)/i,
};

/**
 * «Контейнер — это X, а под — это Y» asserts two things, one per concept: split it when each
 * side opens with a concept of its own.
 */
function splitContrastClauses(
  sentence: string,
  matcher: ConceptMatcher,
  language: Language,
): string[] {
  const joiner = CLAUSE_JOINER[language].exec(sentence);
  if (!joiner) return [sentence];
  const left = sentence.slice(0, joiner.index);
  const right = capitalize(sentence.slice(joiner.index + joiner[0].length));
  const leftSubject = subjectOf(left, matcher.findMentions(left), language);
  const rightSubject = subjectOf(right, matcher.findMentions(right), language);
  if (!leftSubject || !rightSubject || leftSubject.conceptKey === rightSubject.conceptKey) {
    return [sentence];
  }
  return [withFinalStop(left), withFinalStop(right)];
}

export function analyzeClaim(
  text: string,
  matcher: ConceptMatcher,
  language: Language,
): Pick<
  Claim,
  | "mentions"
  | "concepts"
  | "subject"
  | "relation"
  | "negation"
  | "isFullSentence"
  | "startsWithPronoun"
  | "isCopular"
  | "speaksOfContainment"
  | "isSuperlative"
> {
  const mentions = matcher.findMentions(text);
  const subject = subjectOf(text, mentions, language);
  const negation = NEGATION[language].exec(text);
  const relation = relationOf(text, subject, mentions, language);
  return {
    mentions,
    concepts: [...new Set(mentions.map((mention) => mention.conceptKey))],
    subject,
    relation,
    negation: negation ? { at: negation.index } : null,
    isFullSentence: hasVerb(text, language, relation?.predicateStart ?? subject?.end ?? null),
    startsWithPronoun:
      PRONOUN_START[language].test(text.trim()) ||
      (subject === null && DANGLING[language].test(text)) ||
      /(?:тем|того|такой)\s+же|the same/iu.test(text),
    isCopular: subject !== null && COPULA[language].test(text.slice(subject.end)),
    speaksOfContainment: CONTAINMENT[language].test(text),
    isSuperlative: SUPERLATIVE[language].test(text),
  };
}

interface ClaimSource {
  nodeId: string;
  family: Claim["family"];
  aspect: AspectKey;
  aspectTitle: string;
  text: string;
  sentences?: readonly string[];
  provenance: Provenance;
}

/** Every claim of the document: facts, differences, and the summary's and conclusion's sides. */
export function analyzeClaims(document: ComparisonDocument, matcher: ConceptMatcher): Claim[] {
  const { language } = document;
  const sources: ClaimSource[] = [
    ...document.facts.map((fact) => ({ ...fact, nodeId: fact.id, family: "fact" as const })),
    ...document.differences.map((difference) => ({
      ...difference,
      nodeId: difference.id,
      family: "difference" as const,
    })),
  ];
  // The summary and conclusion say what each concept is: they share the definition's title.
  const definitionTitle =
    document.facts.find((fact) => fact.aspect === "definition")?.aspectTitle ??
    (language === "ru" ? "Определение" : "Definition");
  // The conclusion restates the document in looser words («более высокий уровень управления»):
  // reviewers struck what it yielded, so only the summary is read for claims.
  for (const [family, part] of [["summary", document.summary]] as const) {
    if (!part) continue;
    sources.push({
      nodeId: family,
      family,
      aspect: "definition",
      aspectTitle: definitionTitle,
      text: part.text,
      provenance: part.provenance,
    });
  }
  const claims: Claim[] = [];
  for (const source of sources) {
    const sentences = (source.sentences ?? splitSentences(source.text)).flatMap((sentence) =>
      source.family === "summary" || source.family === "conclusion"
        ? splitContrastClauses(sentence, matcher, language)
        : [sentence],
    );
    sentences.forEach((sentence, index) => {
      if (isSetAside(document, sentence)) return;
      claims.push({
        nodeId: source.nodeId,
        family: source.family,
        aspect: source.aspect,
        aspectTitle: source.aspectTitle,
        index,
        text: sentence,
        provenance: source.provenance,
        ...analyzeClaim(sentence, matcher, language),
      });
    });
  }
  return claims;
}

/** Whether an editor's note set this sentence aside (see `<name>.notes.json`). */
export function isSetAside(document: ComparisonDocument, sentence: string): boolean {
  const fold = (value: string) => value.replace(/\s+/g, " ").toLowerCase();
  const text = fold(sentence);
  return (document.setAside ?? []).some((note) => text.includes(fold(note.quote)));
}

/**
 * The one concept a claim is about and nothing else: it opens with that concept, names no
 * other, and is a sentence that can stand alone. Only such claims may ask "which concept?".
 */
export function ownConcept(claim: Claim): string | null {
  if (!claim.subject || claim.relation || claim.concepts.length !== 1) return null;
  if (!claim.isFullSentence || claim.startsWithPronoun || claim.aspect === "example") return null;
  return claim.subject.conceptKey;
}

/** The claim's words after its subject: what it says of the subject. */
export function predicateOf(claim: Claim): string {
  const start = claim.relation?.predicateStart ?? claim.subject?.end ?? 0;
  return claim.text.slice(start).trim();
}
