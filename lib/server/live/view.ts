import {
  hostSnapshot,
  playerSnapshot,
  summarizeGame,
  type GameSummary,
  type HostSnapshot,
  type PlayerSnapshot,
} from "@/lib/core/live/snapshots";
import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { readGames } from "./game-rows";
import { closeDueQuestion } from "./games";
import { loadLiveQuestions } from "./questions";

/*
 * What the screens see. A summary is read once per game version in this process (one read of
 * the game, its players and the current answers) and shared by every stream of that game.
 */

const summaries = new Map<string, GameSummary>();

/** The game as it is now (a question past its deadline is closed first), or null. */
export async function readGameSummary(
  db: Db,
  gameId: string,
  now: Date,
): Promise<GameSummary | null> {
  const current = await closeDueQuestion(db, gameId, now);
  if (!current) {
    summaries.delete(gameId);
    return null;
  }
  const cached = summaries.get(gameId);
  if (cached && cached.view.version === current.row.version) return cached;
  // Hand-written reads: in a room of 2,000 this runs up to 4 times a second, and Prisma would
  // build a query plan and an object per row each time.
  const summary = await db.$transaction(async (tx) => {
    const game = (await readGames(tx, [gameId])).get(gameId);
    if (!game) return null;
    const index = game.state.questionIndex;
    const [players, answers, questions] = await Promise.all([
      tx.$queryRaw<
        { id: string; nickname: string; score: unknown; streak: unknown; kickedAt: unknown }[]
      >`
        SELECT "id", "nickname", "score", "streak", "kickedAt" FROM "LivePlayer"
        WHERE "gameId" = ${gameId} ORDER BY "joinedAt", "id"`,
      tx.$queryRaw<{ playerId: string; choice: string; correct: unknown; points: unknown }[]>`
        SELECT "playerId", "choice", "correct", "points" FROM "LiveAnswer"
        WHERE "gameId" = ${gameId} AND "questionIndex" = ${index}`,
      index >= 0 ? loadLiveQuestions(tx, [game.questionIds[index]!]) : Promise.resolve([]),
    ]);
    return summarizeGame({
      id: gameId,
      pin: game.row.pin,
      version: game.row.version,
      state: game.state,
      question: questions[0] ?? null,
      players: players.map((p) => ({
        id: p.id,
        nickname: p.nickname,
        score: Number(p.score),
        streak: Number(p.streak),
        kicked: p.kickedAt !== null,
      })),
      // SQLite gives booleans as 0/1.
      answers: answers.map((a) => ({
        playerId: a.playerId,
        choice: a.choice,
        correct: Number(a.correct) === 1,
        points: Number(a.points),
      })),
    });
  });
  if (summary) summaries.set(gameId, summary);
  else summaries.delete(gameId);
  return summary;
}

/**
 * A player stream's first summary. When this process's last read of the game already has the
 * player, that one: in a room of 2,000 arriving players every join changes the game, and a
 * fresh read for each new stream would read every player again. Anything newer reaches the
 * stream with the game feed's next read, which every new stream asks for (gameEventStream).
 */
export async function readFirstPlayerSummary(
  db: Db,
  options: { gameId: string; playerId: string; now: Date },
): Promise<GameSummary | null> {
  const cached = summaries.get(options.gameId);
  if (cached?.players.has(options.playerId)) return cached;
  return readGameSummary(db, options.gameId, options.now);
}

/** The host's view of their own game; another user's game is a 404. */
export async function readHostSnapshot(
  db: Db,
  options: { gameId: string; hostUserId: string; now: Date },
): Promise<HostSnapshot> {
  await requireHost(db, options.gameId, options.hostUserId);
  const summary = await readGameSummary(db, options.gameId, options.now);
  if (!summary) throw new NotFoundError("no such game");
  return hostSnapshot(summary, options.now.getTime());
}

export async function requireHost(db: Db, gameId: string, hostUserId: string): Promise<void> {
  const game = await db.liveGame.findUnique({
    where: { id: gameId },
    select: { hostUserId: true },
  });
  if (!game || game.hostUserId !== hostUserId) throw new NotFoundError("no such game");
}

export function playerSnapshotOf(
  summary: GameSummary,
  player: { id: string; nickname: string; kicked: boolean },
  now: Date,
): PlayerSnapshot {
  return playerSnapshot(summary, player, now.getTime());
}
