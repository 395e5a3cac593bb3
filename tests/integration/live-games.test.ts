import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_GRACE_MS } from "@/lib/core/live/phases";
import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "@/lib/server/errors";
import { answerBatchStats, MAX_BATCH, submitLiveAnswer } from "@/lib/server/live/answers";
import {
  closeQuestionIfAllAnswered,
  createGame,
  kickPlayer,
  runHostCommand,
} from "@/lib/server/live/games";
import { findPlayerByToken, joinGame } from "@/lib/server/live/players";
import { loadLiveQuestions } from "@/lib/server/live/questions";
import { addLiveQuestionsToReviews } from "@/lib/server/live/reviews";
import { readGameSummary } from "@/lib/server/live/view";
import { createDb } from "@/lib/server/db";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const DECK = "containers-vs-pods.ru";
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: T0 });
});
afterAll(() => t.cleanup());

const newAddress = () => `203.0.113.${crypto.randomInt(1, 255)}-${crypto.randomUUID()}`;

async function newHost() {
  const user = await t.db.user.create({
    data: { email: `host-${crypto.randomUUID()}@example.test`, role: "teacher" },
  });
  return user.id;
}

async function newGame(hostUserId: string, settings: Record<string, unknown> = {}) {
  return createGame(t.db, {
    hostUserId,
    settings: LiveGameSettingsSchema.parse({ deckId: DECK, questionCount: 3, ...settings }),
    now: T0,
  });
}

function join(pin: string, nickname: string, token?: string, now = T0) {
  return joinGame(t.db, { pin, nickname, tokenFor: () => token, address: newAddress(), now });
}

const command = (
  gameId: string,
  hostUserId: string,
  cmd: Parameters<typeof runHostCommand>[1]["command"],
  now: Date,
) => runHostCommand(t.db, { gameId, hostUserId, command: cmd, now });

async function questionOf(gameId: string, index: number) {
  const game = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
  const ids = JSON.parse(game.questionIds) as string[];
  const [q] = await loadLiveQuestions(t.db, [ids[index]!]);
  return {
    right: q!.correctOptionId,
    wrong: q!.options.find((o) => o.id !== q!.correctOptionId)!.id,
  };
}

const answer = (
  gameId: string,
  playerId: string,
  questionIndex: number,
  choice: string,
  receivedAt: Date,
) => submitLiveAnswer(t.db, { gameId, playerId, questionIndex, choice, receivedAt });

const playerRow = (id: string) => t.db.livePlayer.findUniqueOrThrow({ where: { id } });

describe("live games through the data layer", () => {
  it("runs lobby → question → reveal → leaderboard → … → podium with scores and streaks", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 20 });
    expect(pin).toMatch(/^[1-9]\d{5}$/);
    await expect(command(gameId, host, "start", at(0))).rejects.toMatchObject({
      code: "no_players",
    });
    const anna = await join(pin, "Anna");
    const anna2 = await join(pin, "anna");
    expect(anna2.player.nickname).toBe("anna 2");
    await command(gameId, host, "start", at(1000));

    const q0 = await questionOf(gameId, 0);
    // Anna answers right at once (full 1,000); anna 2 wrong.
    expect(await answer(gameId, anna.player.id, 0, q0.right, at(1200))).toEqual({
      questionIndex: 0,
      choice: q0.right,
      duplicate: false,
    });
    // Scores move only when the question closes.
    expect((await playerRow(anna.player.id)).score).toBe(0);
    await expect(command(gameId, host, "next", at(1500))).rejects.toMatchObject({
      code: "question_open",
    });
    // The last player's answer closes the question at once (no waiting for the countdown).
    await answer(gameId, anna2.player.id, 0, q0.wrong, at(2000));
    const early = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
    expect(early).toMatchObject({ phase: "reveal", deadlineAt: null });
    expect(await playerRow(anna.player.id)).toMatchObject({ score: 1000, streak: 1 });
    expect(await playerRow(anna2.player.id)).toMatchObject({ score: 0, streak: 0 });

    await command(gameId, host, "next", at(4000)); // leaderboard
    await command(gameId, host, "next", at(5000)); // question 1 opens at 5 s
    const q1 = await questionOf(gameId, 1);
    // 10 s of 20: 1000 × (1 − 0.25) = 750, plus the streak bonus of the 2nd right answer in a row.
    await answer(gameId, anna.player.id, 1, q1.right, at(15_000));
    // anna 2 does not answer; the deadline passes; a read closes the question.
    const summary = await readGameSummary(t.db, gameId, at(25_000 + CLOSE_GRACE_MS));
    expect(summary?.view.state.phase).toBe("reveal");
    expect(await playerRow(anna.player.id)).toMatchObject({ score: 1000 + 750 + 100, streak: 2 });
    expect(summary?.ranked.map((p) => [p.nickname, p.rank])).toEqual([
      ["Anna", 1],
      ["anna 2", 2],
    ]);

    await command(gameId, host, "next", at(26_000));
    await command(gameId, host, "next", at(27_000)); // question 2
    await command(gameId, host, "skip", at(28_000));
    expect(await playerRow(anna.player.id)).toMatchObject({ streak: 0 }); // no answer ends it
    await command(gameId, host, "next", at(29_000));
    await command(gameId, host, "next", at(30_000)); // after the last: podium
    const done = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
    expect(done).toMatchObject({ phase: "podium", pin: null });
    expect(done.finishedAt).not.toBeNull();
    await expect(command(gameId, host, "next", at(31_000))).rejects.toMatchObject({
      code: "game_finished",
    });
  });

  it("closes a question early once every player not kicked has answered, once", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 20 });
    const [a, b, c] = await Promise.all(["Ada", "Bo", "Cy"].map((n) => join(pin, n)));
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    await answer(gameId, a!.player.id, 0, q.right, at(1000));
    await answer(gameId, b!.player.id, 0, q.right, at(1000));
    const phase = async () =>
      (await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } })).phase;
    expect(await phase()).toBe("question"); // Cy has not answered
    // Kicking the one everybody waits for closes it, and scores it exactly once.
    await kickPlayer(t.db, {
      gameId,
      hostUserId: host,
      playerId: c!.player.id,
      ban: false,
      now: at(2000),
    });
    expect(await phase()).toBe("reveal");
    // 1 s of 20: 1000 × (1 − 0.025) = 975.
    expect(await playerRow(a!.player.id)).toMatchObject({ score: 975, streak: 1 });
    await t.db.$transaction((tx) => closeQuestionIfAllAnswered(tx, gameId, at(2500)));
    expect(await playerRow(a!.player.id)).toMatchObject({ score: 975, streak: 1 });
  });

  it("a signed-in player adds the questions they answered to their reviews, once, after the game", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { questionCount: 2 });
    const learner = await t.db.learner.create({ data: { timeZone: "UTC" } });
    const signedIn = await joinGame(t.db, {
      pin,
      nickname: "Reviewer",
      tokenFor: () => undefined,
      address: newAddress(),
      learnerId: learner.id,
      now: T0,
    });
    const guest = await join(pin, "Guest");
    const add = (playerId: string, learnerId: string | null) =>
      addLiveQuestionsToReviews(t.db, { gameId, playerId, learnerId, now: at(9000) });
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    await answer(gameId, signedIn.player.id, 0, q.wrong, at(1000));
    await answer(gameId, guest.player.id, 0, q.right, at(1000));
    await expect(add(signedIn.player.id, learner.id)).rejects.toMatchObject({
      code: "game_not_finished",
    });
    await command(gameId, host, "end", at(2000));
    await expect(add(guest.player.id, learner.id)).rejects.toMatchObject({ code: "not_linked" });
    await expect(add(signedIn.player.id, null)).rejects.toMatchObject({ code: "not_linked" });
    const [first, second] = await Promise.all([
      add(signedIn.player.id, learner.id),
      add(signedIn.player.id, learner.id),
    ]);
    expect([first, second].map((r) => r.added).sort()).toEqual([0, 1]);
    const cards = await t.db.card.findMany({ where: { learnerId: learner.id } });
    expect(cards.map((c) => c.questionId)).toEqual([
      JSON.parse((await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } })).questionIds)[0],
    ]);
    expect(cards[0]).toMatchObject({ state: 0, reps: 0 });
    expect(await add(signedIn.player.id, learner.id)).toEqual({ added: 0, already: true });
  });

  it("pause keeps the time left and does not count towards the answer time", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 20 });
    const p = await join(pin, "Pauser");
    await command(gameId, host, "start", at(0));
    await command(gameId, host, "pause", at(4000));
    await expect(answer(gameId, p.player.id, 0, "a", at(5000))).rejects.toMatchObject({
      code: "paused",
    });
    // Paused for a minute: the deadline has not passed.
    await command(gameId, host, "resume", at(64_000));
    const game = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
    expect(game.deadlineAt?.getTime()).toBe(at(64_000 + 16_000).getTime());
    const q = await questionOf(gameId, 0);
    await answer(gameId, p.player.id, 0, q.right, at(70_000));
    const stored = await t.db.liveAnswer.findFirstOrThrow({ where: { playerId: p.player.id } });
    expect(stored.elapsedMs).toBe(10_000); // 4 s before the pause + 6 s after
    expect(stored.points).toBe(750);
  });

  it("refuses an answer after the deadline by the server's clock", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 10 });
    const p = await join(pin, "Late");
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    await expect(answer(gameId, p.player.id, 0, q.right, at(10_000))).rejects.toMatchObject({
      code: "too_late",
    });
    // Arrived 1 ms before the deadline, stored even though it is processed later.
    const q2 = await newGame(host, { secondsPerQuestion: 10 });
    const p2 = await join(q2.pin, "Just in time");
    await command(q2.gameId, host, "start", at(0));
    const right = (await questionOf(q2.gameId, 0)).right;
    await expect(answer(q2.gameId, p2.player.id, 0, right, at(9_999))).resolves.toMatchObject({
      duplicate: false,
    });
    expect(await t.db.liveAnswer.count({ where: { gameId } })).toBe(0);
    expect(await t.db.liveAnswer.count({ where: { gameId: q2.gameId } })).toBe(1);
  });

  it("stores concurrent duplicate answers exactly once and returns the stored one to each", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host);
    const players = await Promise.all(["A", "B", "C", "D", "E"].map((n) => join(pin, n)));
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    const sends = players.flatMap(({ player }, i) =>
      Array.from({ length: 4 }, (_, k) =>
        answer(gameId, player.id, 0, k === 0 && i % 2 === 0 ? q.right : q.wrong, at(1000 + k)),
      ),
    );
    const results = await Promise.all(sends);
    expect(await t.db.liveAnswer.count({ where: { gameId } })).toBe(5);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(5);
    // Every duplicate reports the first answer's choice, not its own.
    for (let i = 0; i < players.length; i++) {
      const mine = results.slice(i * 4, i * 4 + 4);
      expect(new Set(mine.map((r) => r.choice)).size).toBe(1);
    }
    // A retry later returns the stored result too.
    const retry = await answer(gameId, players[0]!.player.id, 0, q.wrong, at(5000));
    expect(retry).toEqual({ questionIndex: 0, choice: q.right, duplicate: true });
  });

  it("rejoins with the token: same player, score and streak; a kicked or banned player is refused", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host);
    const first = await join(pin, "Ivan");
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    // The only player answering closes the question (everybody has answered).
    await answer(gameId, first.player.id, 0, q.right, at(100));
    const again = await join(pin, "whatever", first.token, at(2000));
    expect(again).toMatchObject({ rejoined: true, token: first.token });
    expect(again.player).toMatchObject({
      id: first.player.id,
      nickname: "Ivan",
      score: 1000,
      streak: 1,
    });
    expect(await t.db.livePlayer.count({ where: { gameId } })).toBe(1);
    // Another game's token is not a player here.
    const other = await newGame(host);
    expect(await findPlayerByToken(t.db, { gameId: other.gameId, token: first.token })).toBeNull();
    // Lock: new players are refused, the returning one is not.
    await command(gameId, host, "lock", at(3000));
    await expect(join(pin, "Newcomer")).rejects.toMatchObject({ code: "lobby_locked" });
    await expect(join(pin, "x", first.token)).resolves.toMatchObject({ rejoined: true });
    await command(gameId, host, "unlock", at(3500));
    // Kick with a ban: the token is refused, the nickname too (in any case).
    await kickPlayer(t.db, {
      gameId,
      hostUserId: host,
      playerId: first.player.id,
      ban: true,
      now: at(4000),
    });
    await expect(join(pin, "x", first.token)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(join(pin, "IVAN")).rejects.toMatchObject({ code: "nickname_banned" });
  });

  it("late joiners enter at the current question; bad nicknames are refused", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host);
    await join(pin, "Early");
    await command(gameId, host, "start", at(0));
    const late = await join(pin, "Late comer", undefined, at(3000));
    const q = await questionOf(gameId, 0);
    await expect(answer(gameId, late.player.id, 0, q.right, at(3100))).resolves.toMatchObject({
      duplicate: false,
    });
    await expect(join(pin, "  ")).rejects.toMatchObject({ code: "nickname_empty" });
    await expect(join(pin, "fuck")).rejects.toMatchObject({ code: "nickname_profane" });
    await expect(join(pin, "<script>")).rejects.toMatchObject({
      code: "nickname_invalid_characters",
    });
  });

  it("only the host runs commands; a wrong PIN is a 404 counted against the address", async () => {
    const host = await newHost();
    const stranger = await newHost();
    const { gameId } = await newGame(host);
    await expect(command(gameId, stranger, "start", at(0))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      kickPlayer(t.db, { gameId, hostUserId: stranger, playerId: "x", ban: false, now: at(0) }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const address = newAddress();
    for (let i = 0; i < 30; i++) {
      await expect(
        joinGame(t.db, {
          pin: "99999" + (i % 10),
          nickname: "x",
          tokenFor: () => undefined,
          address,
          now: T0,
        }),
      ).rejects.toBeInstanceOf(DomainError);
    }
    await expect(
      joinGame(t.db, { pin: "999999", nickname: "x", tokenFor: () => undefined, address, now: T0 }),
    ).rejects.toMatchObject({ status: 429 });
  });

  it("runs host commands sent at once one after the other, none refused as game_changed", async () => {
    const host = await newHost();
    const { gameId } = await newGame(host);
    const before = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
    // A double press, ten times over: lock and unlock are allowed in any state of the lobby.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        command(gameId, host, i % 2 === 0 ? "lock" : "unlock", at(1000 + i)),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const after = await t.db.liveGame.findUniqueOrThrow({ where: { id: gameId } });
    expect(after.version).toBe(before.version + 10);
  });

  it("a second process (its own client) continues the game from the rows", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 10 });
    const p = await join(pin, "Survivor");
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    await answer(gameId, p.player.id, 0, q.right, at(200));
    const second = createDb(t.file);
    try {
      // The other process never saw this game: its read after the deadline closes the question.
      const summary = await readGameSummary(second, gameId, at(10_000 + CLOSE_GRACE_MS));
      expect(summary?.view.state.phase).toBe("reveal");
      expect(summary?.byId.get(p.player.id)).toMatchObject({ score: 1000, streak: 1, rank: 1 });
      await runHostCommand(second, { gameId, hostUserId: host, command: "next", now: at(11_000) });
      await runHostCommand(second, { gameId, hostUserId: host, command: "next", now: at(12_000) });
      const q1 = await questionOf(gameId, 1);
      await expect(
        submitLiveAnswer(second, {
          gameId,
          playerId: p.player.id,
          questionIndex: 1,
          choice: q1.right,
          receivedAt: at(12_100),
        }),
      ).resolves.toMatchObject({ duplicate: false });
      // Both processes read after the deadline: the question is closed and scored once. (One
      // after the other: two connections in one process would block each other's synchronous
      // driver, which separate processes do not.)
      await readGameSummary(second, gameId, at(30_000));
      await readGameSummary(t.db, gameId, at(30_000));
      expect(await playerRow(p.player.id)).toMatchObject({ score: 2100, streak: 2 });
    } finally {
      await second.$disconnect();
    }
  });

  it("refuses a game without questions, a foreign class and an unknown deck", async () => {
    const host = await newHost();
    await expect(newGame(host, { aspects: ["no-such-aspect"] })).rejects.toMatchObject({
      code: "no_questions",
    });
    await expect(newGame(host, { deckId: "nope" })).rejects.toBeInstanceOf(NotFoundError);
    const other = await newHost();
    const cls = await t.db.class.create({
      data: {
        teacherId: other,
        name: "x",
        timeZone: "UTC",
        joinCode: crypto.randomUUID(),
        createdAt: T0,
      },
    });
    await expect(newGame(host, { classId: cls.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(ConflictError).toBeDefined();
  });

  it("limits games per host (RATE_LIMITS.liveGamesPerUser)", async () => {
    const host = await newHost();
    for (let i = 0; i < 20; i++) await newGame(host);
    await expect(newGame(host)).rejects.toMatchObject({ status: 429, limit: "live-games:user" });
    await expect(newGame(await newHost())).resolves.toHaveProperty("pin");
  });

  it("commits answers that arrive together in few transactions, none acknowledged before its commit", async () => {
    const host = await newHost();
    const { gameId, pin } = await newGame(host, { secondsPerQuestion: 240 });
    const n = MAX_BATCH + 50;
    await join(pin, "First");
    await t.db.livePlayer.createMany({
      data: Array.from({ length: n - 1 }, (_, i) => ({
        gameId,
        nickname: `p${i}`,
        nicknameKey: `p${i}`,
        tokenHash: `${gameId}-${i}`,
        joinedAt: T0,
        lastSeenAt: T0,
      })),
    });
    const players = await t.db.livePlayer.findMany({ where: { gameId }, select: { id: true } });
    await command(gameId, host, "start", at(0));
    const q = await questionOf(gameId, 0);
    const before = answerBatchStats(t.db).batches;
    const stored: number[] = [];
    await Promise.all(
      players.map(async (p, i) => {
        await answer(gameId, p.id, 0, i % 2 ? q.right : q.wrong, at(1000 + i));
        // Acknowledged: it is in the database already.
        stored.push(await t.db.liveAnswer.count({ where: { playerId: p.id } }));
      }),
    );
    expect(stored).toEqual(players.map(() => 1));
    expect(await t.db.liveAnswer.count({ where: { gameId } })).toBe(n);
    const transactions = answerBatchStats(t.db).batches - before;
    expect(transactions).toBeGreaterThanOrEqual(2); // more than MAX_BATCH: at least two
    expect(transactions).toBeLessThanOrEqual(3);
  });
});
