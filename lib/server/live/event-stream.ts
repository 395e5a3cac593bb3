import type { GameSummary } from "@/lib/core/live/snapshots";
import { CLOSE_GRACE_MS } from "@/lib/core/live/phases";
import type { Db } from "../db";
import { watchGame } from "./game-signal";
import { readGameSummary } from "./view";

/*
 * Server-sent events for the live quiz. One feed per game in this process: it listens for "game
 * changed", reads the game once (readGameSummary) and hands the summary to every open stream of
 * that game, each of which sends its own snapshot if it changed. A timer at the question's
 * deadline only wakes the feed: the read it causes is what closes the question (any instance's
 * read would). A heartbeat comment every 15 s keeps proxies from closing idle streams.
 */

export const HEARTBEAT_MS = 15_000;

type Subscriber = { update: (summary: GameSummary | null) => void; heartbeat: () => void };

class GameFeed {
  readonly subscribers = new Set<Subscriber>();
  private refreshing = false;
  private again = false;
  private deadlineTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unwatch: () => void;

  constructor(
    private readonly db: Db,
    private readonly gameId: string,
    private readonly onEmpty: () => void,
  ) {
    this.unwatch = watchGame(db, gameId, () => void this.refresh());
    this.heartbeat = setInterval(() => {
      for (const s of this.subscribers) s.heartbeat();
    }, HEARTBEAT_MS);
  }

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      if (!this.subscribers.delete(subscriber)) return;
      if (this.subscribers.size === 0) this.close();
    };
  }

  /** Reads the game and pushes it to every stream; changes during a read cause one more. */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.again = false;
        const summary = await readGameSummary(this.db, this.gameId, new Date());
        for (const s of this.subscribers) s.update(summary);
        this.armDeadline(summary);
      } while (this.again && this.subscribers.size > 0);
    } catch (error) {
      console.error(`[live] refreshing game ${this.gameId} failed`, error);
    } finally {
      this.refreshing = false;
    }
  }

  private armDeadline(summary: GameSummary | null): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
    const deadline = summary?.view.state.deadlineAt;
    if (summary?.view.state.phase !== "question" || deadline == null) return;
    const wait = Math.max(0, deadline + CLOSE_GRACE_MS - Date.now()) + 10;
    this.deadlineTimer = setTimeout(() => void this.refresh(), wait);
  }

  private close(): void {
    this.unwatch();
    clearInterval(this.heartbeat);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.onEmpty();
  }
}

const feeds = new Map<string, GameFeed>();

/** Streams open in this process (tests check that a closed stream lets go of everything). */
export const openStreamCount = () =>
  [...feeds.values()].reduce((n, feed) => n + feed.subscribers.size, 0);

const encoder = new TextEncoder();

/**
 * A `text/event-stream` response for one screen of one game. `render` turns the game into this
 * screen's snapshot (null: the stream ends after the last one sent, e.g. a kicked player). The
 * first event is always a full snapshot (every reconnect gets one); later ones only when the
 * snapshot changed. `signal` (the request's) ends the stream and releases everything.
 */
export function gameEventStream(options: {
  db: Db;
  gameId: string;
  signal: AbortSignal;
  first: GameSummary;
  render: (summary: GameSummary) => { snapshot: object; last: boolean };
}): Response {
  const { db, gameId, signal, render } = options;
  let last = "";
  let release = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        release();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const send = (summary: GameSummary | null) => {
        if (!summary) {
          write(`event: gone\ndata: {}\n\n`);
          return close();
        }
        const { snapshot, last: isLast } = render(summary);
        // Time fields change on every render; only a change of anything else is news.
        const key = JSON.stringify(snapshot, (name, value: unknown) =>
          name === "serverNow" || name === "remainingMs" ? undefined : value,
        );
        if (key !== last) {
          last = key;
          write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
        }
        if (isLast) close();
      };
      let feed = feeds.get(gameId);
      if (!feed) {
        feed = new GameFeed(db, gameId, () => feeds.delete(gameId));
        feeds.set(gameId, feed);
      }
      release = feed.add({ update: send, heartbeat: () => write(`: heartbeat\n\n`) });
      write(`retry: 1000\n\n`);
      send(options.first);
      if (signal.aborted) close();
      else signal.addEventListener("abort", close, { once: true });
    },
    cancel() {
      release();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
