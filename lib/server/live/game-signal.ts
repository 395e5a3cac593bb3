import pg from "pg";
import { isPostgresUrl } from "@/lib/config/database-url";
import { databaseOf, type Db } from "../db";

/*
 * "Game <id> changed": what the event streams wait for. Fired in this process after every
 * commit that changed a game. A change made by another process (a second instance, or a
 * command-line tool) arrives:
 * - on PostgreSQL, through LISTEN/NOTIFY: a trigger on the game's version sends
 *   `NOTIFY live_game, '<id>'` at the commit of every change (migration live_game_notify), and
 *   one connection per process, outside Prisma's pool, listens (docs/decisions/013);
 * - on SQLite, by a poll of the games' versions, one indexed read per second for all the games
 *   this process streams, never one per connection.
 * Either way the signal only says "read it again": the feed reads the game's snapshot itself.
 */

type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();
/** The last version seen per watched game, so the poll fires only on a change. */
const seenVersions = new Map<string, number>();

export const VERSION_POLL_MS = 1000;
export const LIVE_GAME_CHANNEL = "live_game";
/** How the listening connection names itself in pg_stat_activity (operators, tests). */
export const LISTENER_APPLICATION_NAME = "poddeck-live-listener";
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

export function notifyGameChanged(gameId: string): void {
  for (const listener of listeners.get(gameId) ?? []) listener();
}

/** Every watched game reads itself once: changes while nobody listened were never announced. */
function notifyAllWatched(): void {
  for (const gameId of [...listeners.keys()]) notifyGameChanged(gameId);
}

interface ChangeSource {
  stop(): void;
}

/** Polls the versions of every watched game (SQLite). */
function versionPoll(db: Db): ChangeSource {
  const timer = setInterval(() => void pollVersions(db), VERSION_POLL_MS);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}

/**
 * One `pg` connection that LISTENs on the channel and turns each notification into
 * notifyGameChanged. When it drops (a restarted server, a killed backend, the network) it
 * reconnects with backoff, and after every (re)connect each watched game reads itself once.
 */
function notificationListener(url: string): ChangeSource {
  let stopped = false;
  let current: pg.Client | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const connect = async () => {
    retry = null;
    const client = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (current === client) current = null;
      void client.end().catch(() => {});
      if (stopped) return;
      console.warn(
        `[live] the LISTEN connection dropped${error ? ` (${error.message})` : ""}; reconnecting in ${retryMs} ms`,
      );
      retry = setTimeout(() => void connect(), retryMs);
      retry.unref?.();
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (message) => {
      if (message.channel === LIVE_GAME_CHANNEL && message.payload) {
        notifyGameChanged(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_GAME_CHANNEL}`);
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (lost) return;
    if (stopped) {
      lost = true;
      void client.end().catch(() => {});
      return;
    }
    current = client;
    retryMs = FIRST_RETRY_MS;
    notifyAllWatched();
  };
  void connect();
  return {
    stop: () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      void current?.end().catch(() => {});
      current = null;
    },
  };
}

/** The change source of each database this process watches games in, and how many watches. */
const sources = new Map<string, { source: ChangeSource; watches: number }>();

function watchDatabase(db: Db): () => void {
  const database = databaseOf(db);
  let entry = sources.get(database);
  if (!entry) {
    const source = isPostgresUrl(database) ? notificationListener(database) : versionPoll(db);
    sources.set(database, (entry = { source, watches: 0 }));
  }
  entry.watches += 1;
  const watched = entry;
  return () => {
    watched.watches -= 1;
    if (watched.watches === 0 && sources.get(database) === watched) {
      sources.delete(database);
      watched.source.stop();
    }
  };
}

/** Calls `listener` whenever the game may have changed; returns the function that stops it. */
export function watchGame(db: Db, gameId: string, listener: Listener): () => void {
  let set = listeners.get(gameId);
  if (!set) listeners.set(gameId, (set = new Set()));
  set.add(listener);
  const unwatchDatabase = watchDatabase(db);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    set.delete(listener);
    if (set.size === 0) {
      listeners.delete(gameId);
      seenVersions.delete(gameId);
    }
    unwatchDatabase();
  };
}

/** One read for every watched game; exported for tests. */
export async function pollVersions(db: Db): Promise<void> {
  const ids = [...listeners.keys()];
  if (ids.length === 0) return;
  try {
    const rows = await db.liveGame.findMany({
      where: { id: { in: ids } },
      select: { id: true, version: true },
    });
    for (const { id, version } of rows) {
      const seen = seenVersions.get(id);
      seenVersions.set(id, version);
      if (seen !== undefined && seen !== version) notifyGameChanged(id);
    }
  } catch (error) {
    console.error("[live] version poll failed", error);
  }
}

/** Games watched in this process (the streams' tests check that closed streams let go). */
export const watchedGameCount = () => listeners.size;
