import { buildLiveReport, type LiveReport } from "@/lib/core/live/report";
import type { Db } from "../db";
import { NotFoundError } from "../errors";
import { loadLiveQuestions } from "./questions";

export interface LiveGameReport {
  gameId: string;
  deckTitle: string;
  createdAt: Date;
  finished: boolean;
  report: LiveReport;
}

/** The report of the host's own game (another user's is a 404), from the stored rows. */
export async function getLiveGameReport(
  db: Db,
  options: { gameId: string; hostUserId: string },
): Promise<LiveGameReport> {
  const game = await db.liveGame.findUnique({
    where: { id: options.gameId },
    select: {
      id: true,
      hostUserId: true,
      questionIds: true,
      createdAt: true,
      finishedAt: true,
      deck: { select: { title: true } },
    },
  });
  if (!game || game.hostUserId !== options.hostUserId) throw new NotFoundError("no such game");
  const [players, answers, questions] = await Promise.all([
    db.livePlayer.findMany({
      where: { gameId: game.id },
      select: { id: true, nickname: true, score: true, kickedAt: true },
    }),
    db.liveAnswer.findMany({
      where: { gameId: game.id },
      select: { playerId: true, questionIndex: true, choice: true, correct: true, elapsedMs: true },
    }),
    loadLiveQuestions(db, JSON.parse(game.questionIds) as string[]),
  ]);
  return {
    gameId: game.id,
    deckTitle: game.deck.title,
    createdAt: game.createdAt,
    finished: game.finishedAt !== null,
    report: buildLiveReport({
      players: players.map((p) => ({ ...p, kicked: p.kickedAt !== null })),
      questions,
      answers,
    }),
  };
}

export interface ClassLiveGame {
  gameId: string;
  deckTitle: string;
  createdAt: Date;
  finished: boolean;
  playerCount: number;
}

/** The live games linked to a class, newest first (its dashboard lists them with their reports). */
export async function listClassLiveGames(
  db: Db,
  options: { classId: string; hostUserId: string },
): Promise<ClassLiveGame[]> {
  const games = await db.liveGame.findMany({
    where: { classId: options.classId, hostUserId: options.hostUserId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      createdAt: true,
      finishedAt: true,
      deck: { select: { title: true } },
      _count: { select: { players: { where: { kickedAt: null } } } },
    },
  });
  return games.map((g) => ({
    gameId: g.id,
    deckTitle: g.deck.title,
    createdAt: g.createdAt,
    finished: g.finishedAt !== null,
    playerCount: g._count.players,
  }));
}
