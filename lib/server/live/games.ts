import crypto from "node:crypto";
import { shuffleWithSeed } from "@/lib/core/practice/random";
import {
  applyHostCommand,
  closeIfAllAnswered,
  closeIfDue,
  type HostCommand,
  type PhaseState,
  type RefusalReason,
} from "@/lib/core/live/phases";
import { generatePin } from "@/lib/core/live/pin";
import { LIVE_KINDS, type LiveGameSettings } from "@/lib/core/live/settings";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { listActiveQuestions } from "../decks/active-questions";
import { classDecksWhere, visibleDecksWhere } from "../decks/deck-access";
import { ConflictError, DomainError, NotFoundError } from "../errors";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { readGames, stateColumns, type LoadedGame } from "./game-rows";
import { notifyGameChanged } from "./game-signal";

type Tx = Prisma.TransactionClient;

const PIN_ATTEMPTS = 20;

/**
 * A new game in the lobby, hosted by `hostUserId`: the questions are drawn now (matching the
 * aspects and kinds, in a random order) and stored in order, so every instance asks the same.
 */
export async function createGame(
  db: Db,
  options: { hostUserId: string; settings: LiveGameSettings; now: Date },
): Promise<{ gameId: string; pin: string }> {
  const { hostUserId, settings, now } = options;
  const kinds = new Set<string>(settings.kinds.filter((k) => LIVE_KINDS.includes(k)));
  const aspects = new Set(settings.aspects);
  const questions = (await listActiveQuestions(db, [settings.deckId])).filter(
    (q) => kinds.has(q.kind) && (aspects.size === 0 || aspects.has(q.aspect)),
  );
  // A game with a class plays a deck every student of it sees; otherwise one the host sees.
  const playable = await db.deck.findFirst({
    where: {
      AND: [
        { id: settings.deckId },
        settings.classId
          ? classDecksWhere({ teacherId: hostUserId, classId: settings.classId })
          : visibleDecksWhere({ userId: hostUserId }),
      ],
    },
    select: { id: true },
  });
  if (!playable) throw new NotFoundError("no such deck");
  if (questions.length === 0) {
    throw new DomainError(
      "no question of this deck matches these aspects and kinds",
      400,
      "no_questions",
    );
  }
  if (settings.classId) {
    const own = await db.class.findFirst({
      where: { id: settings.classId, teacherId: hostUserId },
      select: { id: true },
    });
    if (!own) throw new NotFoundError("no such class");
  }
  await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.liveGamesPerUser, key: hostUserId }],
    now,
  });
  const questionIds = shuffleWithSeed(
    questions.map((q) => q.id).sort(),
    crypto.randomInt(2 ** 31),
  ).slice(0, settings.questionCount);
  for (let attempt = 0; ; attempt += 1) {
    const pin = generatePin((min, max) => crypto.randomInt(min, max));
    try {
      const game = await db.liveGame.create({
        data: {
          pin,
          hostUserId,
          deckId: settings.deckId,
          classId: settings.classId ?? null,
          settings: JSON.stringify({ ...settings, questionCount: questionIds.length }),
          questionIds: JSON.stringify(questionIds),
          createdAt: now,
        },
        select: { id: true },
      });
      return { gameId: game.id, pin };
    } catch (error) {
      // Another live game has this PIN: draw again.
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash || attempt + 1 >= PIN_ATTEMPTS) throw error;
    }
  }
}

/**
 * Adds the closed question's points to the scores and updates the streaks: a right answer
 * continues the streak, a wrong one or none ends it. Runs once per question, in the same
 * transaction as the conditional UPDATE that closed it.
 */
async function applyQuestionScores(tx: Tx, gameId: string, questionIndex: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "LivePlayer" SET
      "score" = "score" + COALESCE((SELECT a."points" FROM "LiveAnswer" a
        WHERE a."playerId" = "LivePlayer"."id" AND a."questionIndex" = ${questionIndex}), 0),
      "streak" = CASE WHEN EXISTS (SELECT 1 FROM "LiveAnswer" a
        WHERE a."playerId" = "LivePlayer"."id" AND a."questionIndex" = ${questionIndex}
          AND a."correct" = ${true}) THEN "streak" + 1 ELSE 0 END
    WHERE "gameId" = ${gameId}`;
}

async function readGame(tx: Tx | Db, gameId: string): Promise<LoadedGame | null> {
  return (await readGames(tx, [gameId])).get(gameId) ?? null;
}

/**
 * Writes `next` over `game` if nobody changed the game since it was read (its version), and
 * scores the question when this write closes it. Returns false when another write came first.
 */
async function writeState(tx: Tx, game: LoadedGame, next: PhaseState, now: Date): Promise<boolean> {
  const finished = next.phase === "podium";
  const { count } = await tx.liveGame.updateMany({
    where: { id: game.row.id, version: game.row.version },
    data: {
      ...stateColumns(next),
      version: { increment: 1 },
      ...(finished ? { pin: null, finishedAt: now } : {}),
    },
  });
  if (count === 0) return false;
  if (game.state.phase === "question" && next.phase !== "question") {
    await applyQuestionScores(tx, game.row.id, game.state.questionIndex);
  }
  return true;
}

/**
 * Closes the current question if its deadline has passed, whoever asks: any read or command
 * after the deadline does it, once (a conditional UPDATE), so no timer in any one process is
 * needed for the game to move on. Returns the game as it is now.
 */
export async function closeDueQuestion(
  db: Db,
  gameId: string,
  now: Date,
): Promise<LoadedGame | null> {
  const game = await readGame(db, gameId);
  if (!game) return null;
  const closed = closeIfDue(game.state, now.getTime());
  if (!closed) return game;
  const wrote = await db.$transaction((tx) => writeState(tx, game, closed, now));
  if (wrote) notifyGameChanged(gameId);
  return readGame(db, gameId);
}

/**
 * Closes the current question when every player not kicked has answered it: in the transaction
 * that stores answers (before any is acknowledged) and in the one that kicks a player. Like the
 * deadline close it is a conditional UPDATE on the game's version, so it happens once; a player
 * joining meanwhile bumps the version and the question stays open for them.
 * Returns whether this call closed it.
 */
export async function closeQuestionIfAllAnswered(
  tx: Tx,
  gameId: string,
  now: Date,
  /** The game as this transaction read it, if it has: saves reading it again. */
  known?: LoadedGame,
): Promise<boolean> {
  const game = known ?? (await readGame(tx, gameId));
  if (!game || game.state.phase !== "question") return false;
  // Runs with every batch of answers: it stops at the first player still to answer (a count of
  // the answers would visit all of them, thousands in a big room, every time).
  const [players] = await tx.$queryRaw<{ anyActive: unknown; anyYetToAnswer: unknown }[]>`
    SELECT
      EXISTS (SELECT 1 FROM "LivePlayer" p
        WHERE p."gameId" = ${gameId} AND p."kickedAt" IS NULL) AS "anyActive",
      EXISTS (SELECT 1 FROM "LivePlayer" p
        WHERE p."gameId" = ${gameId} AND p."kickedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "LiveAnswer" a
            WHERE a."playerId" = p."id" AND a."questionIndex" = ${game.state.questionIndex})
      ) AS "anyYetToAnswer"`;
  // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
  const closed = closeIfAllAnswered(game.state, {
    anyActive: Number(players!.anyActive) === 1,
    anyYetToAnswer: Number(players!.anyYetToAnswer) === 1,
  });
  return closed ? writeState(tx, game, closed, now) : false;
}

const REFUSALS: Record<RefusalReason, string> = {
  game_finished: "the game is over",
  not_in_lobby: "the game has started already",
  no_players: "nobody has joined yet",
  question_open: "the question is still open: skip it or wait for the time to run out",
  not_in_question: "no question is open",
  already_paused: "the question is paused already",
  not_paused: "the question is not paused",
  paused: "the question is paused",
};

/** The game of `hostUserId`, or 404 (another host's game is indistinguishable from none). */
async function requireHostedGame(
  tx: Tx | Db,
  gameId: string,
  hostUserId: string,
): Promise<LoadedGame> {
  const game = await readGame(tx, gameId);
  if (!game || game.row.hostUserId !== hostUserId) throw new NotFoundError("no such game");
  return game;
}

/**
 * Holds the game's row until the transaction ends, before it is read. On PostgreSQL two host
 * commands at once (a double press of "next") would otherwise both read one version and the
 * second be refused as game_changed (seen in the e2e suite); SQLite runs one write transaction
 * at a time anyway. The update changes nothing and leaves "version" alone, so nobody is notified.
 */
async function lockGameRow(tx: Tx, gameId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "LiveGame" SET "updatedAt" = "updatedAt" WHERE "id" = ${gameId}`;
}

/**
 * Runs a host command (start, next, skip, pause, resume, end, lock, unlock) on the host's own
 * game. A refused move is a 409 naming why. A due question is closed first, so "next" after the
 * countdown works even if no screen was watching.
 */
export async function runHostCommand(
  db: Db,
  options: { gameId: string; hostUserId: string; command: HostCommand; now: Date },
): Promise<{ version: number }> {
  const { gameId, hostUserId, command, now } = options;
  await requireHostedGame(db, gameId, hostUserId);
  await closeDueQuestion(db, gameId, now);
  const result = await db.$transaction(async (tx) => {
    await lockGameRow(tx, gameId);
    const game = await requireHostedGame(tx, gameId, hostUserId);
    const activePlayers = await tx.livePlayer.count({ where: { gameId, kickedAt: null } });
    const move = applyHostCommand(game.state, command, now.getTime(), { activePlayers });
    if (!move.ok) throw new ConflictError(REFUSALS[move.reason], move.reason);
    if (!(await writeState(tx, game, move.state, now))) {
      throw new ConflictError("the game changed meanwhile; try again", "game_changed");
    }
    return { version: game.row.version + 1 };
  });
  notifyGameChanged(gameId);
  return result;
}

/**
 * Takes a player out of the host's game (their screen says so; their token no longer plays).
 * With `ban`, their nickname cannot join this game again.
 */
export async function kickPlayer(
  db: Db,
  options: { gameId: string; hostUserId: string; playerId: string; ban: boolean; now: Date },
): Promise<void> {
  const { gameId, hostUserId, playerId, ban, now } = options;
  await db.$transaction(async (tx) => {
    const game = await requireHostedGame(tx, gameId, hostUserId);
    if (game.state.phase === "podium")
      throw new ConflictError(REFUSALS.game_finished, "game_finished");
    const player = await tx.livePlayer.findFirst({
      where: { id: playerId, gameId },
      select: { nicknameKey: true },
    });
    if (!player) throw new NotFoundError("no such player");
    await tx.livePlayer.update({ where: { id: playerId }, data: { kickedAt: now } });
    const banned = new Set(JSON.parse(game.row.bannedNicknames) as string[]);
    if (ban) banned.add(player.nicknameKey);
    await tx.liveGame.update({
      where: { id: gameId },
      data: { bannedNicknames: JSON.stringify([...banned]), version: { increment: 1 } },
    });
    // The kicked player may have been the last one the question waited for.
    await closeQuestionIfAllAnswered(tx, gameId, now);
  });
  notifyGameChanged(gameId);
}
