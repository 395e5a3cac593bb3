/**
 * The production server `npm start` runs (after scripts/start.ts has prepared everything):
 * Next.js's own request handler, through its documented custom-server API, behind the
 * admission gate that answers 503 instead of queueing without bound when the process is
 * saturated (docs/decisions/004-shed-load-when-saturated.md). Shuts down like `next start`.
 */
import http from "node:http";
import next from "next";
import { readEnv } from "@/lib/config/env";
import { serveWithAdmissionGate } from "@/lib/tooling/admission-gate";
import { HeadersWithBodyResponse } from "@/lib/tooling/headers-with-body";
import { lingerOnClose } from "@/lib/tooling/lingering-close";

// `next start` names its process so; the bench and the tests find the server by it.
process.title = "next-server (PodDeck)";

const env = readEnv();
const limits = {
  maxConcurrent: env.PODDECK_MAX_CONCURRENT,
  maxQueued: env.PODDECK_MAX_QUEUE,
  maxWaitMs: env.PODDECK_MAX_WAIT_MS,
};

// start.ts runs the bundle of this file (in .next/) with the project as working directory.
const app = next({ dev: false, dir: process.cwd(), port: env.PORT });
await app.prepare();
const server = http.createServer({ ServerResponse: HeadersWithBodyResponse });
// Node closes an idle kept-alive connection after 5 s; a client that sends on it at that moment
// gets ECONNRESET (seen in CI). Longer than any proxy's idle timeout in front of us (60 s is common).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
lingerOnClose(server);
serveWithAdmissionGate(server, limits, app.getRequestHandler());

const STREAM_GRACE_MS = 5_000;
let stopping = false;
function stop(signal: "SIGINT" | "SIGTERM") {
  if (stopping) return; // Ctrl-C reaches us both from the terminal and from start.ts
  stopping = true;
  // Stop accepting, let the requests in progress (and those waiting their turn) finish. Live-quiz
  // event streams never finish by themselves: after a grace period every connection is closed
  // (their browsers reconnect, to this server restarted or to another instance).
  setTimeout(() => server.closeAllConnections(), STREAM_GRACE_MS).unref();
  server.close(() => {
    app
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

server.on("error", (error) => {
  console.error(`PodDeck: the server failed: ${error.message}`);
  process.exit(1);
});
// Node's default backlog (511) overflows in a burst: the connections past it wait for their SYN to
// be sent again, 1, 3, 7, 15 s later, before the gate can see them. Linux caps it at somaxconn.
server.listen({ port: env.PORT, backlog: 4096 }, () => {
  console.log(
    `PodDeck: serving at http://localhost:${env.PORT} (at most ${limits.maxConcurrent} requests at once, ` +
      `${limits.maxQueued} waiting up to ${limits.maxWaitMs} ms, then 503)`,
  );
});
