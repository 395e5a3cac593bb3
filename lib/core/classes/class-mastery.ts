import { STRONG_ASPECT_RATIO } from "@/lib/core/practice/aspect-scores";
import { RECALLED_MIN_RATING, recallRate, type RecallCounts } from "@/lib/core/stats/retention";

/*
 * The class mastery grid uses /stats's definition of mastery (lib/core/stats/mastery.ts):
 * the share of review answers recalled (Hard, Good or Easy: rating >= RECALLED_MIN_RATING),
 * over all of the learner's answers to questions of the aspect, all time. A student's cell
 * therefore shows the number their own /stats page shows for that aspect.
 */

/**
 * Review answers of one learner to one deck's questions of one aspect with one rating:
 * `COUNT(*)` of ReviewLog joined to Question, grouped by learner, deck, aspect and rating.
 */
export interface LearnerAspectRatingCount {
  learnerId: string;
  deckId: string;
  aspect: string;
  rating: number;
  count: number;
}

/** Colour band of a cell: no answers yet, below half, below the strong line, strong. */
export type MasteryBand = "none" | "weak" | "fair" | "strong";

export interface MasteryCell extends RecallCounts {
  aspect: string;
  /** recalled / total, null with no answers. */
  share: number | null;
  band: MasteryBand;
}

export interface ClassMasteryGrid {
  deckId: string;
  /** Columns: the deck's aspects in its order, then any other aspect with answers, by key. */
  aspects: string[];
  /** One row per learner, in the order given. */
  rows: { learnerId: string; cells: MasteryCell[] }[];
  /** The whole class per aspect: every answer of every learner counted once. */
  classCells: MasteryCell[];
}

/** Same line as the practice and interview reports' strong aspects (75 %). */
export function findMasteryBand(counts: RecallCounts): MasteryBand {
  const share = recallRate(counts);
  if (share === null) return "none";
  if (share < 0.5) return "weak";
  return share < STRONG_ASPECT_RATIO ? "fair" : "strong";
}

function toCell(aspect: string, counts: RecallCounts | undefined): MasteryCell {
  const filled = counts ?? { recalled: 0, total: 0 };
  return { aspect, ...filled, share: recallRate(filled), band: findMasteryBand(filled) };
}

function add(map: Map<string, RecallCounts>, key: string, recalled: number, total: number) {
  const counts = map.get(key) ?? { recalled: 0, total: 0 };
  map.set(key, { recalled: counts.recalled + recalled, total: counts.total + total });
}

/** Students × aspects of one deck; learners not in `learnerIds` are left out. */
export function buildClassMasteryGrid(input: {
  deckId: string;
  /** The deck's aspect keys in the order its page lists them. */
  aspectOrder: readonly string[];
  learnerIds: readonly string[];
  counts: readonly LearnerAspectRatingCount[];
}): ClassMasteryGrid {
  const members = new Set(input.learnerIds);
  const byLearner = new Map<string, Map<string, RecallCounts>>();
  const byAspect = new Map<string, RecallCounts>();
  for (const row of input.counts) {
    if (row.deckId !== input.deckId || !members.has(row.learnerId) || row.count <= 0) continue;
    const recalled = row.rating >= RECALLED_MIN_RATING ? row.count : 0;
    let cells = byLearner.get(row.learnerId);
    if (!cells) {
      cells = new Map();
      byLearner.set(row.learnerId, cells);
    }
    add(cells, row.aspect, recalled, row.count);
    add(byAspect, row.aspect, recalled, row.count);
  }
  const known = new Set(input.aspectOrder);
  const extra = [...byAspect.keys()].filter((aspect) => !known.has(aspect)).sort();
  const aspects = [...new Set(input.aspectOrder), ...extra];
  return {
    deckId: input.deckId,
    aspects,
    rows: input.learnerIds.map((learnerId) => ({
      learnerId,
      cells: aspects.map((aspect) => toCell(aspect, byLearner.get(learnerId)?.get(aspect))),
    })),
    classCells: aspects.map((aspect) => toCell(aspect, byAspect.get(aspect))),
  };
}
