import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { AdmissionQueue, type AdmissionLimits } from "@/lib/core/overload/admission-queue";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

interface Pending {
  req: IncomingMessage;
  res: ServerResponse;
}

/** The live quiz's event streams: open for a whole game, they would hold a place each. */
const LIVE_EVENT_STREAM = /^\/api\/live\/games\/[^/]+\/(?:host|player)\/events$/;

/**
 * Never queued or refused: the health check, so a saturated server still says it is alive (its
 * route is one small query); the build's static files — cheap, immutable and cached by the
 * browser for a year, they only ever belong to a page that was already admitted; and the live
 * quiz's server-sent event streams, which stay open for a whole game: counted, 32 of them would
 * stop every other request. A stream costs one read when it opens and nothing while it waits
 * (the reads per change are shared by all the streams of a game).
 */
export function bypassesGate(url: string | undefined): boolean {
  const pathname = (url ?? "").split("?", 1)[0]!;
  return (
    pathname === "/api/health" ||
    pathname.startsWith("/_next/static/") ||
    LIVE_EVENT_STREAM.test(pathname)
  );
}

/** Seconds a refused client should wait: by then every request queued now has run or left. */
export function retryAfterSeconds(limits: AdmissionLimits): number {
  return Math.max(1, Math.ceil(limits.maxWaitMs / 1000));
}

function writeOverloaded({ req, res }: Pending, retryAfter: number): void {
  if (res.headersSent || res.destroyed) return;
  const message = `The server is busy; try again in ${retryAfter} s.`;
  const page = (req.headers.accept ?? "").includes("text/html");
  const body = page
    ? `<!doctype html><html lang="ru"><meta charset="utf-8"><title>PodDeck</title><p>Сервер перегружен, попробуйте через ${retryAfter} с.</p><p lang="en">${message}</p></html>`
    : JSON.stringify({ error: "overloaded", message });
  res.writeHead(503, {
    "Content-Type": page ? "text/html; charset=utf-8" : "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Retry-After": String(retryAfter),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // A body the request may carry is never read: closing is cheaper than draining it.
    Connection: "close",
  });
  res.end(body);
}

/**
 * Serves `handle` (Next.js's) on `server` behind an `AdmissionQueue`: a request waits in the
 * queue, in arrival order, until it is started, and is answered 503 with `Retry-After` when the
 * queue is full or once it has waited `maxWaitMs` — instead of waiting, unseen, for however long
 * the requests ahead of it take. Two facts of Node shape how requests are started:
 *
 * - A route on the synchronous SQLite driver runs from start to end in one turn of the event
 *   loop (its awaits are all microtasks). Started as they are read, a turn that reads 200
 *   requests runs 200 of them before it reads anything else, the health check included. So
 *   requests are started after the loop has read its sockets (setImmediate), at most
 *   `maxConcurrent` at a time: a turn works on no more than that, then reads again.
 * - libuv accepts one new connection per turn. In a burst, connections wait in the kernel's
 *   accept queue, where no deadline reaches them, and a turn spent working accepts just one.
 *   So while connections keep coming, a turn that accepted one starts nothing until the loop
 *   has spent as long accepting as it spent on the last requests it started: turns that only
 *   accept (and queue or refuse) take microseconds, the backlog moves into the queue, where
 *   it is seen, and half the time still goes to work.
 */
export function serveWithAdmissionGate(
  server: Server,
  limits: AdmissionLimits,
  handle: Handler,
  now: () => number = () => performance.now(),
): void {
  const queue = new AdmissionQueue<Pending>(limits);
  const retryAfter = retryAfterSeconds(limits);
  let connections = 0;
  let connectionsLastTurn = 0;
  let turnScheduled = false;
  /** When the previous turn started requests, if it did. */
  let startedAt: number | undefined;
  /** How long the loop took from starting the last requests to its next turn. */
  let workMs = 0;
  /** When the loop came back from the last requests: it has been accepting since. */
  let acceptingSince = 0;
  let refused = 0;
  let refusedSince = now();

  function refuse(pending: Pending): void {
    if (refused === 0) refusedSince = now();
    refused += 1;
    writeOverloaded(pending, retryAfter);
  }

  function serve({ req, res }: Pending): void {
    handle(req, res).catch((error: unknown) => {
      console.error(`PodDeck: failed to handle ${req.method} ${req.url}`, error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    });
  }

  function scheduleTurn(): void {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(turn);
  }

  // Runs once per loop turn while requests wait, after the loop has read its sockets.
  function turn(): void {
    const t = now();
    turnScheduled = false;
    if (startedAt !== undefined) {
      workMs = t - startedAt;
      acceptingSince = t;
      startedAt = undefined;
    }
    const accepted = connections !== connectionsLastTurn;
    connectionsLastTurn = connections;
    if (!accepted || t - acceptingSince >= workMs) {
      for (let pending = queue.start(); pending; pending = queue.start()) {
        startedAt = t;
        // "close": the answer is sent or the client went away; either way the slot is free.
        pending.res.once("close", () => {
          queue.finish();
          if (queue.waiting > 0) scheduleTurn();
        });
        serve(pending);
      }
    }
    // After a start, one more turn measures it, even with nothing left to start.
    if (startedAt !== undefined || (queue.waiting > 0 && queue.running < limits.maxConcurrent))
      scheduleTurn();
  }

  const expiry = setInterval(
    () => {
      for (const pending of queue.expire(now())) refuse(pending);
      if (refused > 0 && now() - refusedSince >= 1000) {
        console.log(`PodDeck: overloaded, answered ${refused} requests 503 in the last second`);
        refused = 0;
      }
    },
    // A tenth of the wait: a request is refused at most that much later than its deadline.
    Math.max(10, limits.maxWaitMs / 10),
  ).unref();
  server.once("close", () => clearInterval(expiry));

  server.on("connection", () => {
    connections += 1;
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const pending = { req, res };
    if (bypassesGate(req.url)) return serve(pending);
    if (!queue.arrive(pending, now())) return refuse(pending);
    res.once("close", () => queue.leave(pending));
    scheduleTurn();
  });
}
