import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssMegabytes, startBenchServer, type BenchServer } from "@/bench/bench-server";

/*
 * Issue #17: one 300 MB POST used to be read whole before the size check (RSS 200 MB -> 1.05 GB).
 * Here 20 bodies of 100 MB each arrive at once, against the production server (built when stale).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const DECK = "containers-vs-pods.ru";
const BODIES = 20;
const BODY_MB = 100;
const ONE_MB = Buffer.alloc(1024 * 1024, 0x20); // the only buffer the senders share: nothing is allocated per body

let server: BenchServer;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Outcome {
  status: number | null;
  body: string;
  sentMb: number;
}

/** Streams a 100 MB body (declared, or chunked without a length) and waits for the answer. */
function sendHugeBody(url: string, declared: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (declared) headers["content-length"] = String(BODY_MB * ONE_MB.byteLength);
    const request = http.request({
      hostname,
      port,
      path: "/api/study/answers",
      method: "POST",
      headers,
    });
    let sentMb = 0;
    const source = Readable.from(
      (function* () {
        for (; sentMb < BODY_MB; sentMb++) yield ONE_MB;
      })(),
    );
    source.pipe(request);
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        source.destroy();
        request.destroy();
        resolve({ status: response.statusCode ?? null, body, sentMb });
      });
    });
    // The server closes the connection after its 413; an error before any answer is a failure.
    request.on("error", () => resolve({ status: null, body: "", sentMb }));
  });
}

async function answerOneCard(url: string): Promise<number> {
  const state = await fetch(`${url}/api/study?deck=${DECK}`);
  const cookie = state.headers.get("set-cookie") ?? "";
  const { card } = (await state.json()) as { card: { question: { id: string } } };
  const response = await fetch(`${url}/api/study/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      clientAnswerId: crypto.randomUUID(),
      questionId: card.question.id,
      cardVersion: null,
      answer: { type: "reveal" },
      rating: 3,
      durationMs: 1000,
    }),
  });
  return response.status;
}

beforeAll(async () => {
  server = await startBenchServer(ROOT, await freePort());
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

describe("request bodies over the cap", () => {
  it("20 concurrent 100 MB bodies each get 413 and leave the server's memory where it was", async () => {
    // Warm the route first: loading its code is memory the flood must not be blamed for.
    expect(await answerOneCard(server.url)).toBe(201);
    const before = rssMegabytes(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(server.pid))), 20);
    const outcomes = await Promise.all(
      Array.from({ length: BODIES }, (_, i) => sendHugeBody(server.url, i % 2 === 0)),
    ).finally(() => clearInterval(sampler));
    peak = Math.max(peak, rssMegabytes(server.pid));
    console.log(`server RSS ${before} MB before, peak ${peak} MB during ${BODIES}x${BODY_MB} MB`);

    for (const outcome of outcomes) {
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toMatchObject({ error: "payload_too_large" });
      expect(outcome.sentMb, "the rest of the body was not read").toBeLessThan(BODY_MB);
    }
    expect(peak - before).toBeLessThanOrEqual(50);
    expect(await answerOneCard(server.url), "a normal answer still goes through").toBe(201);
  }, 120_000);
});

describe("the server's database", () => {
  it("is opened once: the background worker and the routes share one connection", async () => {
    // The routes' code is loaded by now (an answer went through); the worker's at start.
    expect(await answerOneCard(server.url)).toBe(201);
    const fdDir = `/proc/${server.pid}/fd`;
    const opened = fs.readdirSync(fdDir).filter((fd) => {
      try {
        return fs.readlinkSync(path.join(fdDir, fd)) === server.database;
      } catch {
        return false; // closed meanwhile
      }
    });
    expect(opened).toHaveLength(1);
  });
});
