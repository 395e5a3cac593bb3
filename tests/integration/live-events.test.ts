import crypto from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GameSummary, hostSnapshot, playerSnapshot } from "@/lib/core/live/snapshots";
import { LiveGameSettingsSchema } from "@/lib/core/live/settings";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { gameEventStream, openStreamCount } from "@/lib/server/live/event-stream";
import { pollVersions, watchedGameCount } from "@/lib/server/live/game-signal";
import { createGame, runHostCommand } from "@/lib/server/live/games";
import { joinGame } from "@/lib/server/live/players";
import { readGameSummary } from "@/lib/server/live/view";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: new Date() });
});
afterAll(() => t.cleanup());

/** Reads events off a stream until `until` holds for one of them; returns their data. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (data: Record<string, unknown>) => boolean,
) {
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended: ${text}`);
    text += decoder.decode(value);
    const events = [...text.matchAll(/event: snapshot\ndata: (.*)\n\n/g)].map(
      (m) => JSON.parse(m[1]!) as Record<string, unknown>,
    );
    const hit = events.find(until);
    if (hit) return { events, hit, text };
  }
}

/** The host's stream of a game, opened with `first`; its reader. */
function hostStream(gameId: string, signal: AbortSignal, first: GameSummary) {
  return gameEventStream({
    db: t.db,
    gameId,
    signal,
    first,
    render: (s) => ({ snapshot: hostSnapshot(s, Date.now()), last: false }),
  }).body!.getReader();
}

async function newGameWithPlayer() {
  const user = await t.db.user.create({ data: { email: `h-${crypto.randomUUID()}@x.test` } });
  const settings = LiveGameSettingsSchema.parse({
    deckId: "containers-vs-pods.ru",
    questionCount: 2,
  });
  const { gameId, pin } = await createGame(t.db, {
    hostUserId: user.id,
    settings,
    now: new Date(),
  });
  const { player } = await joinGame(t.db, {
    pin,
    nickname: "Streamer",
    tokenFor: () => undefined,
    address: crypto.randomUUID(),
    now: new Date(),
  });
  return { gameId, pin, hostUserId: user.id, player };
}

describe("live event streams", () => {
  it("sends a full snapshot first, then each change; aborting releases everything", async () => {
    const { gameId, hostUserId, player } = await newGameWithPlayer();
    const abort = new AbortController();
    const first = (await readGameSummary(t.db, gameId, new Date()))!;
    const response = gameEventStream({
      db: t.db,
      gameId,
      signal: abort.signal,
      first,
      render: (s) => ({
        snapshot: playerSnapshot(s, { ...player, kicked: false }, Date.now()),
        last: false,
      }),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    const lobby = await readEvents(reader, (d) => d.phase === "lobby");
    expect(lobby.hit).toMatchObject({ role: "player", me: { nickname: "Streamer" } });
    expect(openStreamCount()).toBe(1);
    await runHostCommand(t.db, { gameId, hostUserId, command: "start", now: new Date() });
    const question = await readEvents(reader, (d) => d.phase === "question");
    expect(question.hit).toMatchObject({ question: { index: 0 } });
    expect(question.text).not.toContain("correctOptionId");
    abort.abort();
    expect(openStreamCount()).toBe(0);
    expect(watchedGameCount()).toBe(0);
  });

  it("sees a change made by another process through the version poll", async () => {
    const { gameId } = await newGameWithPlayer();
    const abort = new AbortController();
    const reader = hostStream(
      gameId,
      abort.signal,
      (await readGameSummary(t.db, gameId, new Date()))!,
    );
    await readEvents(reader, (d) => d.lobbyLocked === false);
    await pollVersions(t.db); // remembers the current version
    // Written behind this process's back (no in-process signal), as another instance would.
    await t.db.liveGame.update({
      where: { id: gameId },
      data: { lobbyLocked: true, version: { increment: 1 } },
    });
    await pollVersions(t.db);
    const locked = await readEvents(reader, (d) => d.lobbyLocked === true);
    expect(locked.hit).toMatchObject({ role: "host", lobbyLocked: true });
    abort.abort();
    expect(openStreamCount()).toBe(0);
  });

  it("holds only the newest snapshot for a reader that falls behind, and sends it when read", async () => {
    const { gameId, pin } = await newGameWithPlayer();
    const abort = new AbortController();
    const reader = hostStream(
      gameId,
      abort.signal,
      (await readGameSummary(t.db, gameId, new Date()))!,
    );
    // Nobody reads while 20 players join: each join is a change the feed reads and renders.
    for (let i = 1; i <= 20; i++) {
      await joinGame(t.db, {
        pin,
        nickname: `Late ${i}`,
        tokenFor: () => undefined,
        address: crypto.randomUUID(),
        now: new Date(),
      });
      await new Promise((r) => setTimeout(r, 25)); // the feed's read and render
    }
    const { events, hit } = await readEvents(reader, (d) => d.playerCount === 21);
    // The first snapshot and the newest, not one per join (21 when every one was queued).
    expect(events.length).toBeLessThanOrEqual(2);
    expect((hit.players as unknown[]).length).toBe(21);
    abort.abort();
    expect(openStreamCount()).toBe(0);
  });

  it("lets go of its first summary once a newer one is sent", async () => {
    v8.setFlagsFromString("--expose-gc");
    const collectGarbage = vm.runInNewContext("gc") as () => void;
    const { gameId, pin } = await newGameWithPlayer();
    const abort = new AbortController();
    // A summary lists every player; 2,000 streams each keeping their first one filled the heap.
    const read = (await readGameSummary(t.db, gameId, new Date()))!;
    let first: WeakRef<object>;
    const reader = (() => {
      const summary = { ...read }; // this stream's own, as a summary read for it alone is

      first = new WeakRef(summary);
      return hostStream(gameId, abort.signal, summary);
    })();
    await readEvents(reader, (d) => d.playerCount === 1);
    await joinGame(t.db, {
      pin,
      nickname: "Newer",
      tokenFor: () => undefined,
      address: crypto.randomUUID(),
      now: new Date(),
    });
    await readEvents(reader, (d) => d.playerCount === 2);
    collectGarbage();
    expect(first!.deref()).toBeUndefined();
    abort.abort();
  });
});
