import crypto from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hostSnapshot } from "@/lib/core/live/snapshots";
import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { gameEventStream, openStreamCount } from "@/lib/server/live/event-stream";
import { LISTENER_APPLICATION_NAME, watchedGameCount } from "@/lib/server/live/game-signal";
import { createGame } from "@/lib/server/live/games";
import { readGameSummary } from "@/lib/server/live/view";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

/*
 * The live quiz across instances on PostgreSQL (issue 19, part 4): a change committed by another
 * connection, as another instance would, reaches this process's streams through LISTEN/NOTIFY.
 * There is no version poll on PostgreSQL, so nothing else could bring it.
 */

/** Far below the live quiz's 1 s budget, far above a NOTIFY's few milliseconds. */
const SIGNAL_WAIT_MS = 2000;

let t: TestDatabase;
let other: pg.Client;

beforeAll(async () => {
  if (!onPostgres()) return;
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: new Date() });
  other = new pg.Client({ connectionString: t.file });
  await other.connect();
});
/** Streams a failed test left open: closed, so the next test starts with no listener. */
const open = new Set<AbortController>();
afterEach(() => {
  for (const abort of open) abort.abort();
  open.clear();
});
afterAll(async () => {
  await other?.end();
  await t?.cleanup();
});

async function hostStream(gameId: string) {
  const abort = new AbortController();
  open.add(abort);
  const response = gameEventStream({
    db: t.db,
    gameId,
    signal: abort.signal,
    first: (await readGameSummary(t.db, gameId, new Date()))!,
    render: (s) => ({ snapshot: hostSnapshot(s, Date.now()), last: false }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  /** Resolves with the first snapshot since the last call that `until` accepts, or fails. */
  const next = async (until: (d: Record<string, unknown>) => boolean, label: string) => {
    const deadline = Date.now() + SIGNAL_WAIT_MS;
    for (;;) {
      const events = [...text.matchAll(/event: snapshot\ndata: (.*)\n\n/g)];
      const hit = events.map((m) => JSON.parse(m[1]!) as Record<string, unknown>).find(until);
      if (hit) {
        text = "";
        return hit;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no snapshot with ${label} within ${SIGNAL_WAIT_MS} ms`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(resolve, left, null)));
      const chunk = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
      if (chunk?.done) throw new Error("stream ended");
      if (chunk?.value) text += decoder.decode(chunk.value);
    }
  };
  return { next, close: () => abort.abort() };
}

async function newGame() {
  const user = await t.db.user.create({ data: { email: `h-${crypto.randomUUID()}@x.test` } });
  const settings = LiveGameSettingsSchema.parse({ deckId: "containers-vs-pods.ru" });
  const { gameId } = await createGame(t.db, { hostUserId: user.id, settings, now: new Date() });
  return gameId;
}

/** Changes the game through `other`, a connection of its own, as another instance would. */
async function lockLobbyElsewhere(gameId: string, locked: boolean) {
  await other.query(
    `UPDATE "LiveGame" SET "lobbyLocked" = $2, "version" = "version" + 1 WHERE "id" = $1`,
    [gameId, locked],
  );
}

/** The backend pid of this process's listening connection once it has run LISTEN. */
async function listenerPid(except?: number): Promise<number> {
  const database = new URL(t.file).pathname.slice(1);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await other.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE application_name = $1 AND datname = $2 AND query LIKE 'LISTEN%' AND state = 'idle'`,
      [LISTENER_APPLICATION_NAME, database],
    );
    const pid = rows.map((r) => r.pid).find((p) => p !== except);
    if (pid !== undefined) return pid;
    if (Date.now() > deadline) throw new Error("the listener did not connect within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!onPostgres())("the game-changed signal on PostgreSQL", () => {
  it("brings a change committed by another connection, with no poll, within 2 s", async () => {
    const gameId = await newGame();
    const stream = await hostStream(gameId);
    await stream.next((d) => d.lobbyLocked === false, "the lobby open");
    await listenerPid();
    await lockLobbyElsewhere(gameId, true);
    await stream.next((d) => d.lobbyLocked === true, "the lobby locked");
    stream.close();
    expect(openStreamCount()).toBe(0);
    expect(watchedGameCount()).toBe(0);
  });

  it("reconnects after its backend is terminated and misses nothing committed meanwhile", async () => {
    const gameId = await newGame();
    const stream = await hostStream(gameId);
    await stream.next((d) => d.lobbyLocked === false, "the lobby open");
    const first = await listenerPid();
    // Waits until the backend is gone, then changes the game before the listener is back
    // (its first retry is 250 ms away): only the read after reconnecting can bring this one.
    await other.query("SELECT pg_terminate_backend($1, 5000)", [first]);
    await lockLobbyElsewhere(gameId, true);
    await stream.next((d) => d.lobbyLocked === true, "the lobby locked while disconnected");
    const second = await listenerPid(first);
    expect(second).not.toBe(first);
    await lockLobbyElsewhere(gameId, false);
    await stream.next((d) => d.lobbyLocked === false, "the lobby open again after reconnecting");
    stream.close();
  });

  it("keeps one listening connection per process, closed when no game is watched", async () => {
    const [a, b] = [await newGame(), await newGame()];
    const streams = [await hostStream(a), await hostStream(b)];
    await listenerPid();
    const { rows } = await other.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = $2`,
      [LISTENER_APPLICATION_NAME, new URL(t.file).pathname.slice(1)],
    );
    expect(rows[0]!.n).toBe(1);
    for (const s of streams) s.close();
    const deadline = Date.now() + 5000;
    for (;;) {
      const { rows: left } = await other.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = $2`,
        [LISTENER_APPLICATION_NAME, new URL(t.file).pathname.slice(1)],
      );
      if (left[0]!.n === 0) break;
      if (Date.now() > deadline) throw new Error("the listening connection stayed open");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
