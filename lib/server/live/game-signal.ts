import type { Db } from "../db";

/*
 * "Game <id> changed": what the event streams wait for. Fired in this process after every
 * commit that changed a game; a change made by another process (a second instance, or a
 * command-line tool) is seen by a poll of the games' versions, one indexed read per second for
 * all the games this process streams, never one per connection. A later PostgreSQL deployment
 * can replace the poll with LISTEN/NOTIFY behind the same two functions.
 */

type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();
/** The last version seen per watched game, so the poll fires only on a change. */
const seenVersions = new Map<string, number>();

export const VERSION_POLL_MS = 1000;
let poll: ReturnType<typeof setInterval> | null = null;

export function notifyGameChanged(gameId: string): void {
  for (const listener of listeners.get(gameId) ?? []) listener();
}

/** Calls `listener` whenever the game may have changed; returns the function that stops it. */
export function watchGame(db: Db, gameId: string, listener: Listener): () => void {
  let set = listeners.get(gameId);
  if (!set) listeners.set(gameId, (set = new Set()));
  set.add(listener);
  poll ??= setInterval(() => void pollVersions(db), VERSION_POLL_MS);
  poll.unref?.();
  return () => {
    set.delete(listener);
    if (set.size === 0) {
      listeners.delete(gameId);
      seenVersions.delete(gameId);
    }
    if (listeners.size === 0 && poll) {
      clearInterval(poll);
      poll = null;
    }
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
