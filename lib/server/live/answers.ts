import crypto from "node:crypto";
import { answerRefusal, type AnswerRefusal } from "@/lib/core/live/phases";
import { scoreAnswer } from "@/lib/core/live/scoring";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, DomainError, ForbiddenError, UnauthorizedError } from "../errors";
import { readGames } from "./game-rows";
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

/**
 * Who answers: a player's id, or (from a request) the hash of their cookie's token, so the
 * request itself reads nothing: the batch reads every player of the group in one query.
 */
export type AnswerPlayer = { playerId: string } | { tokenHash: string };

interface Pending {
  gameId: string;
  player: AnswerPlayer;
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

interface NewAnswer {
  id: string;
  gameId: string;
  playerId: string;
  questionIndex: number;
  choice: string;
  correct: boolean;
  points: number;
  elapsedMs: number;
  answeredAt: Date;
}

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

interface PlayerWithAnswers {
  id: string;
  gameId: string;
  tokenHash: string;
  streak: number;
  kicked: boolean;
  /** The player's stored choice per question index, among the batch's question indexes. */
  answers: Map<number, string>;
}

const inList = (values: readonly unknown[]) => Prisma.sql`(${Prisma.join(values)})`;

/**
 * The batch's players, by id or token hash, each with what they already answered to the batch's
 * questions: one query (hand-written: Prisma would compile a plan for each of the batch's reads).
 */
async function readBatchPlayers(
  tx: Prisma.TransactionClient,
  batch: readonly Pending[],
): Promise<PlayerWithAnswers[]> {
  const ids = batch.flatMap(({ player }) => ("playerId" in player ? [player.playerId] : []));
  const hashes = batch.flatMap(({ player }) => ("tokenHash" in player ? [player.tokenHash] : []));
  const indexes = [...new Set(batch.map((p) => p.questionIndex))];
  const byId = ids.length ? Prisma.sql`p."id" IN ${inList(ids)}` : Prisma.sql`${false}`;
  const byHash = hashes.length
    ? Prisma.sql`p."tokenHash" IN ${inList(hashes)}`
    : Prisma.sql`${false}`;
  const rows = await tx.$queryRaw<
    {
      id: string;
      gameId: string;
      tokenHash: string;
      streak: number | bigint;
      kickedAt: unknown;
      questionIndex: number | bigint | null;
      choice: string | null;
    }[]
  >`
    SELECT p."id", p."gameId", p."tokenHash", p."streak", p."kickedAt", a."questionIndex", a."choice"
    FROM "LivePlayer" p
    LEFT JOIN "LiveAnswer" a ON a."playerId" = p."id" AND a."questionIndex" IN ${inList(indexes)}
    WHERE ${byId} OR ${byHash}`;
  const players = new Map<string, PlayerWithAnswers>();
  for (const row of rows) {
    let player = players.get(row.id);
    if (!player) {
      player = {
        id: row.id,
        gameId: row.gameId,
        tokenHash: row.tokenHash,
        streak: Number(row.streak),
        kicked: row.kickedAt !== null,
        answers: new Map(),
      };
      players.set(row.id, player);
    }
    if (row.questionIndex !== null && row.choice !== null) {
      player.answers.set(Number(row.questionIndex), row.choice);
    }
  }
  return [...players.values()];
}

async function storeBatch(
  tx: Prisma.TransactionClient,
  batch: readonly Pending[],
): Promise<{ outcomes: (StoredAnswer | Error)[]; changedGames: string[] }> {
  const gameIds = [...new Set(batch.map((p) => p.gameId))];
  const [games, players] = await Promise.all([readGames(tx, gameIds), readBatchPlayers(tx, batch)]);
  const playersById = new Map(players.map((p) => [p.id, p]));
  const playersByHash = new Map(players.map((p) => [p.tokenHash, p]));
  const playerOf = ({ player }: Pending) =>
    "playerId" in player ? playersById.get(player.playerId) : playersByHash.get(player.tokenHash);

  const rows: NewAnswer[] = [];
  const outcomes: (StoredAnswer | Error | NewAnswer)[] = [];
  for (const p of batch) {
    const game = games.get(p.gameId);
    const player = playerOf(p);
    if (!game || !player || player.gameId !== p.gameId) {
      // A cookie that names no player of this game is a 401, as on every player route.
      outcomes.push(
        "tokenHash" in p.player
          ? new UnauthorizedError("join the game first")
          : new ForbiddenError("you are not a player of this game"),
      );
      continue;
    }
    const choice = player.answers.get(p.questionIndex);
    if (choice !== undefined) {
      outcomes.push({ questionIndex: p.questionIndex, choice, duplicate: true });
      continue;
    }
    if (player.kicked) {
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
    const row: NewAnswer = {
      id: crypto.randomUUID(),
      gameId: p.gameId,
      playerId: player.id,
      questionIndex: p.questionIndex,
      choice: p.choice,
      correct,
      points,
      elapsedMs,
      answeredAt: new Date(p.receivedAt),
    };
    rows.push(row);
    // A second answer of the same player in this batch is a duplicate of this one.
    player.answers.set(p.questionIndex, p.choice);
    outcomes.push(row);
  }

  // What is stored now, whoever stored it (another instance may have won the race for a key).
  const won = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows
      .slice(i, i + INSERT_CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${r.id}, ${r.gameId}, ${r.playerId}, ${r.questionIndex}, ${r.choice}, ${r.correct}, ${r.points}, ${r.elapsedMs}, ${r.answeredAt})`,
      );
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "LiveAnswer" ("id", "gameId", "playerId", "questionIndex", "choice", "correct", "points", "elapsedMs", "answeredAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("playerId", "questionIndex") DO NOTHING
      RETURNING "id"`;
    for (const { id } of inserted) won.add(id);
  }
  const changedGames = [...new Set(rows.filter((r) => won.has(r.id)).map((r) => r.gameId))];
  // The last player's answer ends the countdown, in this transaction: no acknowledged answer
  // is ever seen with its question still open when nobody is left to answer. Closing moves the
  // game's version on; otherwise the answers themselves do.
  const now = new Date(Math.max(...batch.map((p) => p.receivedAt)));
  const stillOpen: string[] = [];
  for (const gameId of changedGames) {
    if (!(await closeQuestionIfAllAnswered(tx, gameId, now, games.get(gameId)))) {
      stillOpen.push(gameId);
    }
  }
  if (stillOpen.length > 0) {
    await tx.$executeRaw`
      UPDATE "LiveGame" SET "version" = "version" + 1 WHERE "id" IN ${inList(stillOpen)}`;
  }
  const lost = rows.filter((r) => !won.has(r.id));
  const winners = lost.length
    ? await tx.liveAnswer.findMany({
        where: { OR: lost.map((r) => ({ playerId: r.playerId, questionIndex: r.questionIndex })) },
        select: { playerId: true, questionIndex: true, choice: true },
      })
    : [];
  const key = (playerId: string, questionIndex: number) => `${playerId}\u0000${questionIndex}`;
  const winnerChoice = new Map(winners.map((a) => [key(a.playerId, a.questionIndex), a.choice]));
  const result = outcomes.map((outcome): StoredAnswer | Error => {
    if (outcome instanceof Error || !("id" in outcome)) return outcome;
    const { questionIndex, choice, playerId } = outcome;
    const lostTo = winnerChoice.get(key(playerId, questionIndex));
    if (lostTo !== undefined) return { questionIndex, choice: lostTo, duplicate: true };
    return { questionIndex, choice, duplicate: false };
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
  answer: AnswerPlayer & {
    gameId: string;
    questionIndex: number;
    choice: string;
    receivedAt: Date;
  },
): Promise<StoredAnswer> {
  const { gameId, questionIndex, choice, receivedAt } = answer;
  const player =
    "playerId" in answer ? { playerId: answer.playerId } : { tokenHash: answer.tokenHash };
  return batcherFor(db).submit({
    gameId,
    player,
    questionIndex,
    choice,
    receivedAt: receivedAt.getTime(),
  });
}
