import { reportWeakSpots, type WeakSpotReport } from "@/lib/core/practice/aspect-scores";
import type { InterviewItem, KeyPoint } from "@/lib/core/practice/interview-item";
import { scoreInterview, type InterviewScore } from "@/lib/core/practice/score-interview";
import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { RecordIdSchema } from "./schemas";
import { deckHeading, type DeckHeading } from "../decks/deck-summary";

export type InterviewItemState = "pending" | "open" | "answered" | "checked";

/** One item as the learner may see it: the model answer only once they have answered. */
export interface InterviewItemView {
  position: number;
  type: InterviewItem["type"];
  aspect: InterviewItem["aspect"];
  prompt: string;
  state: InterviewItemState;
  /** Milliseconds left on the countdown when this view was read (open items only). */
  remainingMs: number | null;
  text: string | null;
  timedOut: boolean;
  coveredPoints: number[] | null;
  modelAnswer: string | null;
  keyPoints: KeyPoint[] | null;
  source: InterviewItem["source"] | null;
  /** Whether a missed item has a card to review earlier. */
  reviewable: boolean;
}

export interface InterviewView {
  id: string;
  deck: DeckHeading;
  secondsPerQuestion: number;
  startedAt: Date;
  finishedAt: Date | null;
  items: InterviewItemView[];
  score: InterviewScore;
  report: WeakSpotReport;
}

/** The stored items of an interview, as they were asked. */
export function parseInterviewItems(json: string): InterviewItem[] {
  return JSON.parse(json) as InterviewItem[];
}

/**
 * One mock interview of this learner. Another learner's interview (or a malformed id) is
 * "not found". `now` gives the countdowns their remaining time.
 */
export async function getInterview(
  db: Db,
  options: { learnerId: string | null; sessionId: string; now: Date },
): Promise<InterviewView> {
  const id = RecordIdSchema.safeParse(options.sessionId);
  if (!options.learnerId || !id.success) throw new NotFoundError("no such interview");
  const session = await db.interviewSession.findFirst({
    where: { id: id.data, learnerId: options.learnerId },
    include: { deck: { select: { summary: true } }, answers: true },
  });
  if (!session) throw new NotFoundError("no such interview");
  const items = parseInterviewItems(session.items);
  const rows = new Map(session.answers.map((row) => [row.position, row]));
  const views = items.map((item, position): InterviewItemView => {
    const row = rows.get(position);
    const answered = row?.clientAnswerId != null;
    const covered = row?.coveredPoints ? (JSON.parse(row.coveredPoints) as number[]) : null;
    const state: InterviewItemState = !row
      ? "pending"
      : covered
        ? "checked"
        : answered
          ? "answered"
          : "open";
    return {
      position,
      type: item.type,
      aspect: item.aspect,
      prompt: item.prompt,
      state,
      remainingMs:
        state === "open" && row
          ? Math.max(0, row.deadlineAt.getTime() - options.now.getTime())
          : null,
      text: row?.text ?? null,
      timedOut: row?.timedOut ?? false,
      coveredPoints: covered,
      modelAnswer: answered ? item.modelAnswer : null,
      keyPoints: answered ? item.keyPoints : null,
      source: answered ? item.source : null,
      reviewable: item.reviewQuestionId !== null,
    };
  });
  const score = scoreInterview(
    items,
    views.flatMap((view) =>
      view.coveredPoints ? [{ position: view.position, coveredPoints: view.coveredPoints }] : [],
    ),
  );
  return {
    id: session.id,
    deck: deckHeading(session.deck.summary),
    secondsPerQuestion: session.secondsPerQuestion,
    startedAt: session.startedAt,
    finishedAt: session.finishedAt,
    items: views,
    score,
    report: reportWeakSpots(score.byAspect),
  };
}

export interface InterviewHistoryItem {
  id: string;
  deckTitle: string;
  startedAt: Date;
  finishedAt: Date | null;
  covered: number;
  total: number;
}

/** The learner's mock interviews, newest first. */
export async function listInterviews(
  db: Db,
  options: { learnerId: string | null; limit?: number },
): Promise<InterviewHistoryItem[]> {
  if (!options.learnerId) return [];
  const sessions = await db.interviewSession.findMany({
    where: { learnerId: options.learnerId },
    orderBy: { startedAt: "desc" },
    take: options.limit ?? 100,
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      items: true,
      deck: { select: { title: true } },
      answers: { select: { position: true, coveredPoints: true } },
    },
  });
  return sessions.map((session) => {
    const score = scoreInterview(
      parseInterviewItems(session.items),
      session.answers.flatMap((row) =>
        row.coveredPoints
          ? [{ position: row.position, coveredPoints: JSON.parse(row.coveredPoints) as number[] }]
          : [],
      ),
    );
    return {
      id: session.id,
      deckTitle: session.deck.title,
      startedAt: session.startedAt,
      finishedAt: session.finishedAt,
      covered: score.covered,
      total: score.total,
    };
  });
}
