import crypto from "node:crypto";
import { answerRefusal, type AnswerRefusal } from "@/lib/core/live/phases";
import { scoreAnswer } from "@/lib/core/live/scoring";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, DomainError, ForbiddenError } from "../errors";
import { gameSelect, loadGameRow, type LoadedGame } from "./game-rows";
import { closeQuestionIfAllAnswered } from "./games";
import { notifyGameChanged } from "./game-signal";
import { loadLiveQuestions } from "./questions";

/*
 * Answers, exactly once and in groups. Every answer that arrives while a transaction is being
 * committed waits for the next one; that next transaction stores all of them (one multi-row
 * INSERT … ON CONFLICT DO NOTHING) and only after its COMMIT is any of them acknowledged. So
 * 2,000 answers in a few seconds cost a few dozen transactions, not 2,000, and an acknowledged
 * answer is always on disk. The unique key (playerId, questionIndex) makes a retried POST, or a
 * duplicate in the same group, or a race with another instance, return the stored answer.
 */

export interface StoredAnswer {
  questionIndex: number;
  choice: string;
  /** True when this request did not store it (a retry, a double click). */
  duplicate: boolean;
}

interface Pending {
  gameId: string;
  playerId: string;
  questionIndex: number;
  choice: string;
  /** Server time the request arrived: what the deadline and the speed bonus count. */
  receivedAt: number;
  resolve: (answer: StoredAnswer) => void;
  reject: (error: unknown) => void;
}

/**
 * At most this many answers per transaction: each of its reads lists them (`IN (…)`), and
 * Prisma refuses more than 999 parameters per query on SQLite.
 */
export const MAX_BATCH = 400;
const INSERT_CHUNK = 100;

const REFUSED: Record<AnswerRefusal, string> = {
  not_in_question: "no question is open",
  wrong_question: "that question is not the current one",
  paused: "the question is paused",
  too_late: "time is up: the answer came after the deadline",
};

class AnswerBatcher {
  private queue: Pending[] = [];
  private running = false;
  /** Transactions committed and answers in them, for the bench and the tests. */
  readonly stats = { batches: 0, answers: 0, largest: 0 };

  constructor(private readonly db: Db) {}

  submit(answer: Omit<Pending, "resolve" | "reject">): Promise<StoredAnswer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...answer, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Whatever else arrives in this turn of the event loop joins the group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const { outcomes, changedGames } = await this.db.$transaction((tx) =>
          storeBatch(tx, batch),
        );
        this.stats.batches += 1;
        this.stats.answers += batch.length;
        this.stats.largest = Math.max(this.stats.largest, batch.length);
        batch.forEach((p, i) => {
          const outcome = outcomes[i]!;
          if (outcome instanceof Error) p.reject(outcome);
          else p.resolve(outcome);
        });
        for (const gameId of changedGames) notifyGameChanged(gameId);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.running = false;
  }
}

async function storeBatch(
  tx: Prisma.TransactionClient,
  batch: readonly Pending[],
): Promise<{ outcomes: (StoredAnswer | Error)[]; changedGames: string[] }> {
  const gameIds = [...new Set(batch.map((p) => p.gameId))];
  const playerIds = [...new Set(batch.map((p) => p.playerId))];
  const [gameRows, players, existing] = await Promise.all([
    tx.liveGame.findMany({ where: { id: { in: gameIds } }, select: gameSelect }),
    tx.livePlayer.findMany({
      where: { id: { in: playerIds } },
      select: { id: true, gameId: true, streak: true, kickedAt: true },
    }),
    tx.liveAnswer.findMany({
      where: {
        playerId: { in: playerIds },
        questionIndex: { in: [...new Set(batch.map((p) => p.questionIndex))] },
      },
      select: { playerId: true, questionIndex: true, choice: true },
    }),
  ]);
  const games = new Map<string, LoadedGame>(gameRows.map((row) => [row.id, loadGameRow(row)]));
  const playersById = new Map(players.map((p) => [p.id, p]));
  const key = (playerId: string, questionIndex: number) => `${playerId}\u0000${questionIndex}`;
  const stored = new Map(existing.map((a) => [key(a.playerId, a.questionIndex), a.choice]));

  const rows: Prisma.LiveAnswerCreateManyInput[] = [];
  const outcomes: (StoredAnswer | Error | "new")[] = [];
  for (const p of batch) {
    const k = key(p.playerId, p.questionIndex);
    const choice = stored.get(k);
    if (choice !== undefined) {
      outcomes.push({ questionIndex: p.questionIndex, choice, duplicate: true });
      continue;
    }
    const game = games.get(p.gameId);
    const player = playersById.get(p.playerId);
    if (!game || !player || player.gameId !== p.gameId) {
      outcomes.push(new ForbiddenError("you are not a player of this game"));
      continue;
    }
    if (player.kickedAt) {
      outcomes.push(new ForbiddenError("the host removed you from this game"));
      continue;
    }
    const refusal = answerRefusal(game.state, p.questionIndex, p.receivedAt);
    if (refusal) {
      outcomes.push(new ConflictError(REFUSED[refusal], refusal));
      continue;
    }
    const [question] = await loadLiveQuestions(tx, [game.questionIds[p.questionIndex]!]);
    if (!question!.options.some((o) => o.id === p.choice)) {
      outcomes.push(new DomainError("no such option", 400, "invalid_choice"));
      continue;
    }
    const correct = p.choice === question!.correctOptionId;
    const elapsedMs = Math.max(0, p.receivedAt - (game.state.openedAt ?? p.receivedAt));
    const { points } = scoreAnswer({
      correct,
      elapsedMs,
      limitMs: game.state.limitMs,
      streakBefore: player.streak,
      settings: game.settings,
    });
    rows.push({
      id: crypto.randomUUID(),
      gameId: p.gameId,
      playerId: p.playerId,
      questionIndex: p.questionIndex,
      choice: p.choice,
      correct,
      points,
      elapsedMs,
      answeredAt: new Date(p.receivedAt),
    });
    stored.set(k, p.choice);
    outcomes.push("new");
  }

  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows
      .slice(i, i + INSERT_CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.gameId}, ${r.playerId}, ${r.questionIndex}, ${r.choice}, ${r.correct}, ${r.points}, ${r.elapsedMs}, ${r.answeredAt})`,
      );
    await tx.$executeRaw`
      INSERT INTO "LiveAnswer" ("id", "gameId", "playerId", "questionIndex", "choice", "correct", "points", "elapsedMs", "answeredAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("playerId", "questionIndex") DO NOTHING`;
  }
  const changedGames = [...new Set(rows.map((r) => r.gameId))];
  if (changedGames.length > 0) {
    await tx.liveGame.updateMany({
      where: { id: { in: changedGames } },
      data: { version: { increment: 1 } },
    });
    // The last player's answer ends the countdown, in this transaction: no acknowledged answer
    // is ever seen with its question still open when nobody is left to answer.
    const now = new Date(Math.max(...batch.map((p) => p.receivedAt)));
    for (const gameId of changedGames) await closeQuestionIfAllAnswered(tx, gameId, now);
  }
  // What is stored now, whoever stored it (another instance may have won the race for a key).
  const mine = rows.length
    ? await tx.liveAnswer.findMany({
        where: { id: { in: rows.map((r) => r.id as string) } },
        select: { id: true },
      })
    : [];
  const won = new Set(mine.map((r) => r.id));
  const lost = rows.filter((r) => !won.has(r.id as string));
  const winners = lost.length
    ? await tx.liveAnswer.findMany({
        where: { OR: lost.map((r) => ({ playerId: r.playerId, questionIndex: r.questionIndex })) },
        select: { playerId: true, questionIndex: true, choice: true },
      })
    : [];
  const winnerChoice = new Map(winners.map((a) => [key(a.playerId, a.questionIndex), a.choice]));
  const result = batch.map((p, i): StoredAnswer | Error => {
    const outcome = outcomes[i]!;
    if (outcome !== "new") return outcome;
    const k = key(p.playerId, p.questionIndex);
    const lostTo = winnerChoice.get(k);
    if (lostTo !== undefined) {
      return { questionIndex: p.questionIndex, choice: lostTo, duplicate: true };
    }
    return { questionIndex: p.questionIndex, choice: p.choice, duplicate: false };
  });
  return { outcomes: result, changedGames };
}

const batchers = new WeakMap<Db, AnswerBatcher>();
function batcherFor(db: Db): AnswerBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new AnswerBatcher(db)));
  return batcher;
}

/** Group-commit counters of this process (the bench reports answers per transaction). */
export const answerBatchStats = (db: Db) => batcherFor(db).stats;

/**
 * Stores a player's answer to question `questionIndex`, once: resolves after the transaction
 * that holds it has committed. A second answer to the same question returns the first one
 * (`duplicate`); an answer that arrived after the deadline (server time) is a 409 `too_late`.
 */
export function submitLiveAnswer(
  db: Db,
  answer: {
    gameId: string;
    playerId: string;
    questionIndex: number;
    choice: string;
    receivedAt: Date;
  },
): Promise<StoredAnswer> {
  return batcherFor(db).submit({ ...answer, receivedAt: answer.receivedAt.getTime() });
}
