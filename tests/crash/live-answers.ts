import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { createAuthSession } from "@/lib/server/auth/auth-sessions";
import { createDb } from "@/lib/server/db";
import type { Endpoint, Learner } from "./learner";
import { CRASH_SECRET } from "./server";
import { UnexpectedReplyError, type Ack, type PathCheck, type WritePath } from "./write-path";

/*
 * The live quiz's writes under kill -9: players joining (`POST /api/live/pins/<pin>/players`)
 * and their answers (`POST /api/live/games/<id>/answers`, group-committed: none acknowledged
 * before its transaction committed). A host, signed in with a database session like any
 * other, keeps the game moving: it starts the game once players are in, skips to the reveal once
 * a player has answered the open question, goes on to the next question, and makes a new game
 * after the last one. The
 * game itself lives in the database, so each restart continues it where it was.
 */

const SESSION_COOKIE = "authjs.session-token";
const QUESTIONS = 50;
/** Host commands at most this often: players ask for the next question all at once. */
const COMMAND_GAP_MS = 300;
/** Refusals that say the game moved on: the answer was not stored, nothing to look for. */
const MOVED_ON = new Set(["too_late", "not_in_question", "wrong_question", "paused"]);

export interface LiveAck extends Ack {
  kind: "player" | "answer";
  /** The player's id; for an answer also the question and the option chosen. */
  playerId: string;
  questionIndex?: number;
  choice?: string;
}

interface Game {
  id: string;
  pin: string;
}

interface PlayerState {
  game: Game;
  playerId: string;
  answered: Set<number>;
  /** Sent, never acknowledged: re-sent as is (the stored one comes back if it was stored). */
  pending: { questionIndex: number; choice: string } | null;
}

interface GameRow {
  phase: string;
  questionIndex: number;
  questionIds: string;
}

export function liveAnswers(endpoint: Endpoint, random: () => number): WritePath<LiveAck> {
  let file = "";
  let reader: Database.Database | null = null;
  let hostCookie = "";
  let game: Promise<Game> | null = null;
  let commandAt = 0;
  let commanding = false;
  const players = new WeakMap<Learner, PlayerState>();
  const optionsOf = new Map<string, string[]>();

  const read = () => (reader ??= new Database(file, { readonly: true, fileMustExist: true }));

  async function host(path: string, body: unknown): Promise<{ status: number; body: string }> {
    const result = await endpoint.request(
      "POST",
      path,
      { "content-type": "application/json", cookie: hostCookie, "x-forwarded-for": "10.250.0.1" },
      JSON.stringify(body),
    );
    return result?.reply ?? { status: 0, body: "" };
  }

  async function signInHost(): Promise<void> {
    const db = createDb(file);
    try {
      const user = await db.user.create({
        data: { email: `crash-host-${Date.now()}@example.test`, name: "Crash Host" },
      });
      const sid = await createAuthSession(db, { userId: user.id, now: new Date() });
      const token = await encode({ token: { sid }, secret: CRASH_SECRET, salt: SESSION_COOKIE });
      hostCookie = `${SESSION_COOKIE}=${token}`;
    } finally {
      await db.$disconnect();
    }
  }

  /** A new game (its players start it, see `send`). Retried until the server answers. */
  async function newGame(): Promise<Game> {
    if (!hostCookie) await signInHost();
    for (;;) {
      const created = await host("/api/live/games", {
        deckId: "containers-vs-pods.ru",
        questionCount: QUESTIONS,
        secondsPerQuestion: 240,
      });
      if (created.status === 201) {
        const made = JSON.parse(created.body) as { gameId: string; pin: string };
        return { id: made.gameId, pin: made.pin };
      }
      if (created.status !== 0 && created.status !== 503) {
        throw new Error(`creating a live game: ${created.status} ${created.body}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** One host command at a time, not too often; a refused or cut-off one is simply tried later. */
  async function command(gameId: string, name: "start" | "skip" | "next"): Promise<void> {
    if (commanding || Date.now() - commandAt < COMMAND_GAP_MS) return;
    commanding = true;
    try {
      await host(`/api/live/games/${gameId}/host`, { command: name });
    } finally {
      commandAt = Date.now();
      commanding = false;
    }
  }

  /**
   * Started, or moved on to the next question, while a cohort joins, before any kill: under
   * load a command takes about as long as the server lives between two kills. One at a time.
   */
  let opening: Promise<void> | null = null;
  function openQuestion(gameId: string): Promise<void> {
    opening ??= (async () => {
      try {
        for (let step = 0; step < 4; step++) {
          const phase = gameRow(gameId)?.phase;
          if (!phase || phase === "question" || phase === "podium") return;
          await host(`/api/live/games/${gameId}/host`, {
            command: phase === "lobby" ? "start" : "next",
          });
        }
      } finally {
        opening = null;
      }
    })();
    return opening;
  }

  function gameRow(gameId: string): GameRow | undefined {
    return read()
      .prepare(`SELECT phase, questionIndex, questionIds FROM "LiveGame" WHERE id = ?`)
      .get(gameId) as GameRow | undefined;
  }

  function options(questionId: string): string[] {
    let ids = optionsOf.get(questionId);
    if (!ids) {
      const row = read().prepare(`SELECT payload FROM "Question" WHERE id = ?`).get(questionId) as
        { payload: string } | undefined;
      const payload = JSON.parse(row?.payload ?? "{}") as { options?: { id: string }[] };
      ids = (payload.options ?? []).map((o) => o.id);
      optionsOf.set(questionId, ids);
    }
    return ids;
  }

  async function join(learner: Learner): Promise<LiveAck | null> {
    game ??= newGame();
    const current = await game;
    const reply = await learner.postJson(`/api/live/pins/${current.pin}/players`, {
      nickname: learner.name,
    });
    if (!reply || reply.status === 429 || reply.status === 503) return null;
    if (reply.status !== 201 && reply.status !== 200) {
      throw new UnexpectedReplyError(`joining a live game → ${reply.status} ${reply.body}`);
    }
    const { playerId } = JSON.parse(reply.body) as { playerId: string };
    players.set(learner, { game: current, playerId, answered: new Set(), pending: null });
    await openQuestion(current.id);
    return { key: `player ${playerId}`, status: reply.status, kind: "player", playerId };
  }

  async function send(learner: Learner): Promise<LiveAck | null> {
    const current = await (game ??= newGame());
    const state = players.get(learner);
    if (!state || state.game.id !== current.id) return join(learner);
    const row = gameRow(current.id);
    if (!row) return null;
    if (row.phase === "podium") {
      // The last question is behind: one new game for everyone (they join it next time).
      if (game && (await game).id === current.id) game = newGame();
      return null;
    }
    const open = row.phase === "question";
    const index = row.questionIndex;
    if (!state.pending && (!open || state.answered.has(index))) {
      await command(current.id, row.phase === "lobby" ? "start" : open ? "skip" : "next");
      return null;
    }
    const questionIds = JSON.parse(row.questionIds) as string[];
    const choices = options(questionIds[index] ?? "");
    const body = state.pending ?? {
      questionIndex: index,
      choice: choices[Math.floor(random() * choices.length)] ?? "",
    };
    state.pending = body;
    const reply = await learner.postJson(`/api/live/games/${current.id}/answers`, body);
    if (!reply || reply.status === 429 || reply.status === 503) return null;
    if (reply.status === 409) {
      const code = (JSON.parse(reply.body) as { error?: string }).error ?? "";
      if (!MOVED_ON.has(code)) {
        throw new UnexpectedReplyError(`live answer → 409 ${reply.body.slice(0, 200)}`);
      }
      state.pending = null;
      return null;
    }
    if (reply.status !== 201 && reply.status !== 200) {
      throw new UnexpectedReplyError(`live answer → ${reply.status} ${reply.body.slice(0, 200)}`);
    }
    const stored = JSON.parse(reply.body) as { questionIndex: number; choice: string };
    if (stored.questionIndex !== body.questionIndex || stored.choice !== body.choice) {
      throw new UnexpectedReplyError(
        `not the acknowledgement of ${JSON.stringify(body)}: ${reply.body}`,
      );
    }
    state.pending = null;
    state.answered.add(body.questionIndex);
    return {
      key: `answer ${state.playerId} #${body.questionIndex}`,
      status: reply.status,
      kind: "answer",
      playerId: state.playerId,
      questionIndex: body.questionIndex,
      choice: body.choice,
    };
  }

  return {
    name: "live answers",
    prepare(db) {
      file = db.name;
    },
    join,
    send,
    hasPending: (learner) => players.get(learner)?.pending != null,
    verify: (db, acks) => {
      // The reader's snapshot may predate the restart: a fresh one for each verdict.
      reader?.close();
      reader = null;
      return verifyLiveAnswers(db, acks);
    },
  };
}

/**
 * Every acknowledged join is one player, every acknowledged answer one row with the option the
 * server acknowledged; no player answered a question twice.
 */
export function verifyLiveAnswers(db: Database.Database, acks: readonly LiveAck[]): PathCheck {
  const playerIds = new Set(
    (db.prepare(`SELECT id FROM "LivePlayer"`).all() as { id: string }[]).map((p) => p.id),
  );
  const answers = db.prepare(`SELECT playerId, questionIndex, choice FROM "LiveAnswer"`).all() as {
    playerId: string;
    questionIndex: number;
    choice: string;
  }[];
  const byKey = new Map<string, string[]>();
  for (const a of answers) {
    const key = `answer ${a.playerId} #${a.questionIndex}`;
    byKey.set(key, [...(byKey.get(key) ?? []), a.choice]);
  }
  const check: PathCheck = { found: 0, lost: [], duplicated: [], problems: [], checked: "" };
  for (const ack of acks) {
    if (ack.kind === "player") {
      if (playerIds.has(ack.playerId)) check.found++;
      else check.lost.push(ack.key);
      continue;
    }
    const stored = byKey.get(ack.key) ?? [];
    if (stored.length === 0) check.lost.push(ack.key);
    else if (stored.length > 1) check.duplicated.push(ack.key);
    else if (stored[0] !== ack.choice) {
      check.problems.push(`${ack.key}: acknowledged ${ack.choice}, stored ${stored[0]}`);
    } else check.found++;
  }
  const games = (db.prepare(`SELECT count(*) AS n FROM "LiveGame"`).get() as { n: number }).n;
  check.checked = `${answers.length} live answers by ${playerIds.size} players in ${games} games`;
  return check;
}
