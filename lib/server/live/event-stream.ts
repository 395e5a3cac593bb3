import { withoutClock, type GameSummary } from "@/lib/core/live/snapshots";
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

/**
 * The least time between two reads of one game, by how many streams it feeds: every read
 * renders a snapshot for each of them, and in a room of 2,000 every join and every batch of
 * answers changes the game. 2,000 streams: at most 4 reads a second; a class of 30: 4 ms.
 */
export function refreshIntervalMs(streams: number): number {
  return Math.min(250, Math.floor(streams / 8));
}

type Subscriber = { update: (summary: GameSummary | null) => void; heartbeat: () => void };

class GameFeed {
  readonly subscribers = new Set<Subscriber>();
  private refreshing = false;
  private again = false;
  private lastReadAt = 0;
  private delayed: ReturnType<typeof setTimeout> | null = null;
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

  /**
   * Reads the game and pushes it to every stream. A change during a read, or sooner than
   * refreshIntervalMs after the last one, causes one more read when that time is up.
   */
  async refresh(): Promise<void> {
    if (this.refreshing || this.delayed) {
      this.again = true;
      return;
    }
    const wait = this.lastReadAt + refreshIntervalMs(this.subscribers.size) - Date.now();
    if (wait > 0) {
      this.delayed = setTimeout(() => {
        this.delayed = null;
        void this.refresh();
      }, wait);
      return;
    }
    this.refreshing = true;
    this.again = false;
    this.lastReadAt = Date.now();
    try {
      const summary = await readGameSummary(this.db, this.gameId, new Date());
      for (const s of this.subscribers) s.update(summary);
      this.armDeadline(summary);
    } catch (error) {
      console.error(`[live] refreshing game ${this.gameId} failed`, error);
    } finally {
      this.refreshing = false;
    }
    if (this.again && this.subscribers.size > 0) void this.refresh();
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
    if (this.delayed) clearTimeout(this.delayed);
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
  /**
   * A cheap string that changes whenever this screen's snapshot would, but for its clock
   * (playerSnapshotKey): an equal one skips the render. Without it, the rendered snapshot is
   * compared.
   */
  changeKey?: (summary: GameSummary) => string;
}): Response {
  const { db, gameId, signal, render, changeKey } = options;
  // Let go of the first summary once sent: no closure of the stream may keep `options`. A summary
  // lists every player, and while a lobby fills each stream's first read is a summary of its own
  // (the version changes between joins): 2,000 streams kept 2,000 of them, a heap growing with
  // the square of the players (1.2 GB on PostgreSQL, whose slower reads share fewer summaries).
  let first: GameSummary | null = options.first;
  let last = "";
  let release = () => {};
  let sendHeld = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      // A client that reads slower than the game changes (a phone on a weak network, a loaded
      // machine) holds at most one unsent snapshot, the newest: each is complete, so older ones
      // are of no use. Enqueued regardless, a stream's queue grew with every change its reader
      // had not yet taken: without bound for a reader that stalls (21 snapshots for 20 joins).
      let held: string | null = null;
      const close = () => {
        if (closed) return;
        closed = true;
        if (held !== null) {
          try {
            controller.enqueue(encoder.encode(held));
          } catch {
            // The client went away.
          }
          held = null;
        }
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
      const behind = () => (controller.desiredSize ?? 1) <= 0;
      sendHeld = () => {
        if (held === null) return;
        const text = held;
        held = null;
        write(text);
      };
      const writeSnapshot = (text: string, final: boolean) => {
        if (behind() && !final) held = text;
        else {
          held = null;
          write(text);
        }
      };
      let rendered: GameSummary | null = null;
      const send = (summary: GameSummary | null) => {
        // The same summary (one per game version) renders the same snapshot but for its clock.
        if (summary !== null && summary === rendered) return;
        rendered = summary;
        if (!summary) {
          held = null; // gone is all the screen needs
          write(`event: gone\ndata: {}\n\n`);
          return close();
        }
        const cheapKey = changeKey?.(summary);
        if (cheapKey !== undefined && cheapKey === last) return;
        const { snapshot, last: isLast } = render(summary);
        // Time fields change on every render; only a change of anything else is news.
        const key = cheapKey ?? withoutClock(snapshot);
        if (key !== last) {
          last = key;
          writeSnapshot(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`, isLast);
        }
        if (isLast) close();
      };
      let feed = feeds.get(gameId);
      if (!feed) {
        feed = new GameFeed(db, gameId, () => feeds.delete(gameId));
        feeds.set(gameId, feed);
      }
      // A heartbeat keeps an idle connection open; one with unread data is not idle.
      const heartbeat = () => behind() || write(`: heartbeat\n\n`);
      release = feed.add({ update: send, heartbeat });
      write(`retry: 1000\n\n`);
      send(first);
      first = null;
      // `first` may be the feed's last read (readFirstPlayerSummary): one more read, due within
      // refreshIntervalMs, brings whatever changed since.
      void feed.refresh();
      if (signal.aborted) close();
      else signal.addEventListener("abort", close, { once: true });
    },
    // The client took what was queued: the held snapshot, if any, goes next.
    pull() {
      sendHeld();
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
