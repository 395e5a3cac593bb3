import { RECALLED_MIN_RATING, type RecallCounts } from "./retention";

/** How many times the learner gave one rating to one question. */
export interface QuestionRatingCount {
  questionId: string;
  rating: number;
  count: number;
}

/** What a question is about: its deck, aspect and the concepts it tests. */
export interface QuestionTopics {
  id: string;
  deckId: string;
  aspect: string;
  concepts: readonly string[];
}

export interface TopicMastery extends RecallCounts {
  key: string;
}

export interface DeckMastery {
  deckId: string;
  /** Sorted by key; every topic has at least one review. */
  aspects: TopicMastery[];
  concepts: TopicMastery[];
  weakestAspect: TopicMastery | null;
}

/**
 * Mastery = share of answers recalled (Hard, Good or Easy), per aspect and per concept of each
 * deck. A question about two concepts (matching, "which concept?") counts for both.
 */
export function computeMastery(
  ratings: readonly QuestionRatingCount[],
  questions: readonly QuestionTopics[],
): DeckMastery[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const decks = new Map<
    string,
    { aspects: Map<string, RecallCounts>; concepts: Map<string, RecallCounts> }
  >();
  for (const row of ratings) {
    const question = byId.get(row.questionId);
    if (!question) continue;
    let deck = decks.get(question.deckId);
    if (!deck) {
      deck = { aspects: new Map(), concepts: new Map() };
      decks.set(question.deckId, deck);
    }
    const recalled = row.rating >= RECALLED_MIN_RATING ? row.count : 0;
    addTo(deck.aspects, question.aspect, recalled, row.count);
    for (const concept of new Set(question.concepts))
      addTo(deck.concepts, concept, recalled, row.count);
  }
  return [...decks.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([deckId, deck]) => {
      const aspects = toSortedTopics(deck.aspects);
      return {
        deckId,
        aspects,
        concepts: toSortedTopics(deck.concepts),
        weakestAspect: findWeakest(aspects),
      };
    });
}

/** The topic with the lowest recall share; on a tie the one with more answers, then by key. */
export function findWeakest(topics: readonly TopicMastery[]): TopicMastery | null {
  const compare = (a: TopicMastery, b: TopicMastery) =>
    // Cross-multiplied so equal shares compare equal (no floating-point division).
    a.recalled * b.total - b.recalled * a.total || b.total - a.total || compareKeys(a.key, b.key);
  return [...topics].filter((topic) => topic.total > 0).sort(compare)[0] ?? null;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addTo(map: Map<string, RecallCounts>, key: string, recalled: number, total: number) {
  const counts = map.get(key) ?? { recalled: 0, total: 0 };
  map.set(key, { recalled: counts.recalled + recalled, total: counts.total + total });
}

function toSortedTopics(map: Map<string, RecallCounts>): TopicMastery[] {
  return [...map.entries()]
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, counts]) => ({ key, ...counts }));
}
