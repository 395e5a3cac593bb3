"use client";

import { useEffect, useRef, useState } from "react";

export type StreamStatus = "connecting" | "open" | "reconnecting" | "closed";

/**
 * Listens to one of the game's event streams. EventSource reconnects by itself after a lost
 * connection (the server's `retry` is 1 s) and every (re)connect starts with a full snapshot,
 * so a screen only has to show "reconnecting…" meanwhile. A stream the server refuses (kicked,
 * game gone) ends as "closed".
 */
export function useLiveEvents<T>(url: string | null, onSnapshot: (snapshot: T) => void) {
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const handler = useRef(onSnapshot);
  useEffect(() => {
    handler.current = onSnapshot;
  });
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    source.addEventListener("snapshot", (event) => {
      handler.current(JSON.parse((event as MessageEvent<string>).data) as T);
      setStatus("open");
    });
    source.addEventListener("gone", () => {
      source.close();
      setStatus("closed");
    });
    source.onerror = () =>
      setStatus(source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    return () => source.close();
  }, [url]);
  return status;
}

/** A snapshot with the moment it arrived (this page's monotonic clock), for the countdown. */
export interface Timed<T> {
  snapshot: T;
  receivedAt: number;
}

export const timed = <T>(snapshot: T): Timed<T> => ({ snapshot, receivedAt: performance.now() });

/**
 * Whole seconds left to answer. The server's `remainingMs` is the truth; this page only counts
 * down from it with its own monotonic clock since the snapshot arrived (never its wall clock,
 * which may be off by minutes on a phone).
 */
export function useSecondsLeft(
  current: Timed<{ phase: string; paused: boolean; remainingMs: number }>,
): number {
  const [now, setNow] = useState(() => current.receivedAt);
  const ticking = current.snapshot.phase === "question" && !current.snapshot.paused;
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [ticking]);
  const { remainingMs } = current.snapshot;
  if (current.snapshot.phase !== "question") return 0;
  const elapsed = ticking ? Math.max(0, now - current.receivedAt) : 0;
  return Math.ceil(Math.max(0, remainingMs - elapsed) / 1000);
}
