import { encodeCsv, type CsvCell } from "@/lib/core/classes/gradebook-csv";
import { rankPlayers } from "./ranking";

/*
 * The host's report after a game: per player the score, right answers and average answer time;
 * per question the share of players who got it right and the wrong option most chosen, with the
 * question's source quote (what to go over in class). Kicked players are left out: they are not
 * in the ranking either. Built from the stored rows only, so it reads the same on any instance.
 */

export interface ReportPlayerInput {
  id: string;
  nickname: string;
  score: number;
  kicked: boolean;
}

export interface ReportQuestionInput {
  prompt: string;
  options: { id: string; text: string }[];
  correctOptionId: string;
  sourceQuote: string;
}

export interface ReportAnswerInput {
  playerId: string;
  questionIndex: number;
  choice: string;
  correct: boolean;
  elapsedMs: number;
}

export interface ReportPlayerRow {
  rank: number;
  nickname: string;
  score: number;
  right: number;
  answered: number;
  /** Mean time to answer over the questions answered, ms; null when none was. */
  averageMs: number | null;
  /** Per question asked: right, wrong, or null (no answer). */
  results: ("right" | "wrong" | null)[];
}

export interface ReportQuestionRow {
  index: number;
  prompt: string;
  rightAnswer: string;
  answered: number;
  right: number;
  /** Right answers over the players in the game (not answering counts as not right); 0–1. */
  shareRight: number;
  /** The wrong option chosen most (ties: the earlier option); null when nobody chose a wrong one. */
  commonWrong: { text: string; count: number } | null;
  sourceQuote: string;
}

export interface LiveReport {
  questionCount: number;
  players: ReportPlayerRow[];
  questions: ReportQuestionRow[];
}

export function buildLiveReport(input: {
  players: readonly ReportPlayerInput[];
  /** In the order asked: index i is question i. */
  questions: readonly ReportQuestionInput[];
  answers: readonly ReportAnswerInput[];
}): LiveReport {
  const active = input.players.filter((p) => !p.kicked);
  const activeIds = new Set(active.map((p) => p.id));
  const answers = input.answers.filter((a) => activeIds.has(a.playerId));

  const byPlayer = new Map<string, ReportAnswerInput[]>();
  for (const a of answers) byPlayer.set(a.playerId, [...(byPlayer.get(a.playerId) ?? []), a]);
  const players = rankPlayers(active).map((p): ReportPlayerRow => {
    const mine = byPlayer.get(p.id) ?? [];
    const total = mine.reduce((sum, a) => sum + a.elapsedMs, 0);
    return {
      rank: p.rank,
      nickname: p.nickname,
      score: p.score,
      right: mine.filter((a) => a.correct).length,
      answered: mine.length,
      averageMs: mine.length ? Math.round(total / mine.length) : null,
      results: input.questions.map((_, index) => {
        const answer = mine.find((a) => a.questionIndex === index);
        return answer ? (answer.correct ? "right" : "wrong") : null;
      }),
    };
  });

  const questions = input.questions.map((q, index): ReportQuestionRow => {
    const mine = answers.filter((a) => a.questionIndex === index);
    const right = mine.filter((a) => a.correct).length;
    let commonWrong: ReportQuestionRow["commonWrong"] = null;
    for (const option of q.options) {
      if (option.id === q.correctOptionId) continue;
      const count = mine.filter((a) => a.choice === option.id).length;
      if (count > 0 && (!commonWrong || count > commonWrong.count)) {
        commonWrong = { text: option.text, count };
      }
    }
    return {
      index,
      prompt: q.prompt,
      rightAnswer: q.options.find((o) => o.id === q.correctOptionId)?.text ?? "",
      answered: mine.length,
      right,
      shareRight: active.length ? right / active.length : 0,
      commonWrong,
      sourceQuote: q.sourceQuote,
    };
  });
  return { questionCount: input.questions.length, players, questions };
}

export interface ReportCsvLabels {
  rank: string;
  nickname: string;
  score: string;
  right: string;
  averageSeconds: string;
  question: string;
}

/** Seconds with one decimal, for a spreadsheet (a number, not text); empty when unknown. */
const seconds = (ms: number | null): CsvCell => (ms === null ? null : Math.round(ms / 100) / 10);

/**
 * One row per player (in rank order): rank, nickname, score, right answers, average seconds,
 * then per question 1 (right), 0 (wrong) or empty (no answer). Text is quoted and made inert
 * against formula injection (encodeCsv).
 */
export function liveReportCsv(report: LiveReport, labels: ReportCsvLabels): string {
  const header: CsvCell[] = [
    labels.rank,
    labels.nickname,
    labels.score,
    labels.right,
    labels.averageSeconds,
    ...report.questions.map((q) => `${labels.question} ${q.index + 1}`),
  ];
  const rows = report.players.map((p): CsvCell[] => [
    p.rank,
    p.nickname,
    p.score,
    p.right,
    seconds(p.averageMs),
    ...p.results.map((r) => (r === null ? null : r === "right" ? 1 : 0)),
  ]);
  return encodeCsv([header, ...rows]);
}
