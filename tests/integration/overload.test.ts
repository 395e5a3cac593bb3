import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchServer, type BenchServer } from "@/bench/bench-server";
import { readEnv } from "@/lib/config/env";

/*
 * Issue #17, item 6: a saturated server keeps answering /api/health and refuses the excess with
 * 503 + Retry-After instead of queueing it. Thousands of requests arrive at once at the
 * production server (npm start's script with its default limits; built when stale), each on
 * its own connection, on the hot study route. Without admission control (main before this
 * test) every one is served in turn: the last answer comes when the whole burst's work is done,
 * and health checks wait behind it (2,000 requests: 10 s and 3.6 s on a quiet 2-core machine,
 * 37-60 s and 20-43 s on a loaded one).
 *
 * No speed target here: the bounds are fractions of what serving the whole burst would take on
 * this machine at this moment (`burstWorkMs`: the burst's size times the median time of one
 * request, measured just before). Serving everything needs all of it; refusing the excess
 * needs a small part (a 503 costs about a twentieth of a request) plus the longest wait in the
 * queue (maxWaitMs). Measured margins are in docs/decisions/004-shed-load-when-saturated.md.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROUTE = "/api/study?deck=containers-vs-pods.ru";
const { PODDECK_MAX_WAIT_MS: MAX_WAIT_MS } = readEnv({});

let server: BenchServer;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Answer {
  status: number | null;
  ms: number;
  headers: string;
  body: string;
  error?: string;
}

/**
 * One request on its own connection, through a bare socket: two thousand `fetch`es would make
 * this process, not the server, the bottleneck.
 */
function requestOnNewConnection(port: number, pathname: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let raw = "";
    const socket = net.connect({ host: "127.0.0.1", port }, () =>
      socket.write(
        `GET ${pathname} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
      ),
    );
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (raw += chunk));
    socket.on("close", () => {
      const [head = "", body = ""] = raw.split("\r\n\r\n", 2);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({
        status: status ? Number(status) : null,
        ms: performance.now() - started,
        headers: head.toLowerCase(),
        body,
      });
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      raw = "";
      resolve({
        status: null,
        ms: performance.now() - started,
        headers: "",
        body: "",
        error: error.code,
      });
    });
  });
}

/** Health checks one after another on one kept-alive connection, as a load balancer makes them. */
function checkHealthUntil(port: number, stop: Promise<void>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const checks: { status: number | null; ms: number }[] = [];
  let stopped = false;
  void stop.then(() => (stopped = true));
  const done = (async () => {
    while (!stopped) {
      const started = performance.now();
      const status = await new Promise<number | null>((resolve) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/health", agent }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? null));
          })
          .on("error", () => resolve(null));
      });
      checks.push({ status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    agent.destroy();
    return checks;
  })();
  return done;
}

/** Median time of `n` requests one after another (the first ones also warm the route). */
async function medianRequestMs(url: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${ROUTE}`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

beforeAll(async () => {
  server = await startBenchServer(ROOT, await freePort());
}, 600_000);

let stopped = false;
afterAll(async () => {
  if (!stopped) await server?.stop();
});

describe("the production server", () => {
  it("under a burst far above capacity, keeps answering /api/health and refuses the excess with 503 + Retry-After", async () => {
    const port = Number(new URL(server.url).port);
    const oneRequestMs = await medianRequestMs(server.url, 21);
    // At least 2,000, and in any case five times what the server can serve within the wait.
    const burst = Math.min(6000, Math.max(2000, Math.ceil((5 * MAX_WAIT_MS) / oneRequestMs)));
    const burstWorkMs = burst * oneRequestMs;

    let burstOver: () => void = () => undefined;
    const health = checkHealthUntil(port, new Promise<void>((resolve) => (burstOver = resolve)));
    const answers = await Promise.all(
      Array.from({ length: burst }, () => requestOnNewConnection(port, ROUTE)),
    );
    burstOver();
    const checks = await health;

    const count = (status: number) => answers.filter((a) => a.status === status).length;
    const slowest = Math.round(Math.max(...answers.map((a) => a.ms)));
    const healthSlowest = Math.round(Math.max(...checks.map((c) => c.ms)));
    console.log(
      `one request ${oneRequestMs.toFixed(1)} ms, so ${burst} take ${Math.round(burstWorkMs)} ms; ` +
        `${count(200)} × 200, ${count(503)} × 503, slowest answer ${slowest} ms; ` +
        `${checks.length} health checks, slowest ${healthSlowest} ms`,
    );

    // Nothing but answers and refusals: no other status, no dropped connection.
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    expect(count(503), "the excess is refused").toBeGreaterThan(0);
    expect(count(200), "some are still served").toBeGreaterThan(0);
    for (const refused of answers.filter((a) => a.status === 503)) {
      expect(refused.headers).toMatch(/\r\nretry-after: [1-9]\d*(\r\n|$)/);
      expect(JSON.parse(refused.body)).toMatchObject({ error: "overloaded" });
    }
    expect(slowest, "no request queued behind the whole burst").toBeLessThanOrEqual(
      burstWorkMs / 3,
    );

    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.status === 200)).toBe(true);
    expect(healthSlowest, "health checks did not wait for the burst").toBeLessThanOrEqual(
      burstWorkMs / 10,
    );

    // Afterwards the server is itself again.
    expect((await fetch(`${server.url}${ROUTE}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 120_000);

  it("still stops on SIGTERM: the server exits with the start script and frees its port", async () => {
    const { pid, url } = server;
    stopped = true;
    await server.stop(); // SIGTERM to the start script, which waits for the server to exit
    expect(() => process.kill(pid, 0), "the server process is gone").toThrow();
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });
});
