import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bypassesGate, serveWithAdmissionGate } from "@/lib/tooling/admission-gate";

/*
 * The gate in front of a stand-in for Next.js: "/hold" answers only when the test says so,
 * "/fail" throws, anything else answers at once. One request runs at a time and one may wait.
 */
const LIMITS = { maxConcurrent: 1, maxQueued: 1, maxWaitMs: 300 };

let server: http.Server | undefined;
afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function startGate() {
  const held: http.ServerResponse[] = [];
  server = http.createServer();
  serveWithAdmissionGate(server, LIMITS, async (req, res) => {
    if (req.url === "/fail") throw new Error("handler failed");
    if (req.url === "/hold") held.push(res);
    else res.end(`served ${req.url}`);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const release = () => held.splice(0).forEach((res) => res.end("released"));
  return { port, release, held };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  const request = http.get({ host: "127.0.0.1", port, path, headers, agent: false });
  const reply = new Promise<Reply>((resolve, reject) => {
    request.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    request.on("error", reject);
  });
  return { request, reply };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("serveWithAdmissionGate", () => {
  it("refuses at once when the queue is full: 503, Retry-After, JSON or an HTML page", async () => {
    const { port, release, held } = await startGate();
    const running = get(port, "/hold");
    await until(() => held.length === 1);
    const waiting = get(port, "/a");
    await new Promise((resolve) => setTimeout(resolve, 20));

    const refused = await get(port, "/b").reply;
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.headers.connection).toBe("close");
    expect(JSON.parse(refused.body)).toEqual({
      error: "overloaded",
      message: "The server is busy; try again in 1 s.",
    });
    const page = await get(port, "/c", { accept: "text/html,*/*" }).reply;
    expect(page.status).toBe(503);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("try again in 1 s");

    release();
    expect((await running.reply).body).toBe("released");
    expect((await waiting.reply).body).toBe("served /a");
  });

  it("refuses a request once it has waited maxWaitMs, then serves the next one", async () => {
    const { port, release, held } = await startGate();
    const running = get(port, "/hold");
    await until(() => held.length === 1);
    const started = performance.now();
    const waited = await get(port, "/a").reply;
    expect(waited.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(LIMITS.maxWaitMs);
    release();
    await running.reply;
    expect((await get(port, "/b").reply).body).toBe("served /b");
  });

  it("lets the health check and static files through however busy it is", async () => {
    const { port, release, held } = await startGate();
    get(port, "/hold");
    await until(() => held.length === 1);
    const waiting = get(port, "/a");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await get(port, "/b").reply).status, "the queue is full").toBe(503);

    expect((await get(port, "/api/health").reply).body).toBe("served /api/health");
    expect((await get(port, "/_next/static/chunks/a.js").reply).status).toBe(200);
    release();
    await waiting.reply;
  });

  it("gives the place of a waiting request whose client left to the next one", async () => {
    const { port, release, held } = await startGate();
    get(port, "/hold");
    await until(() => held.length === 1);
    const leaving = get(port, "/a");
    leaving.reply.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    leaving.request.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const next = get(port, "/b");
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    expect((await next.reply).body, "it waited instead of being refused").toBe("served /b");
  });

  it("answers 500 when the handler fails, and keeps serving", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { port } = await startGate();
    expect((await get(port, "/fail").reply).status).toBe(500);
    expect(logged).toHaveBeenCalledWith("PodDeck: failed to handle GET /fail", expect.any(Error));
    expect((await get(port, "/a").reply).body).toBe("served /a");
  });
});

describe("bypassesGate", () => {
  it("is true for the health check and the build's static files", () => {
    expect(bypassesGate("/api/health")).toBe(true);
    expect(bypassesGate("/api/health?probe=1")).toBe(true);
    expect(bypassesGate("/_next/static/chunks/app.js")).toBe(true);
    expect(bypassesGate("/api/healthz")).toBe(false);
    expect(bypassesGate("/api/study")).toBe(false);
    expect(bypassesGate("/_next/data/x.json")).toBe(false);
    expect(bypassesGate("/")).toBe(false);
    expect(bypassesGate(undefined)).toBe(false);
  });

  it("lets the live quiz's event streams through, and nothing else of the live quiz", () => {
    expect(bypassesGate("/api/live/games/cabc123def456/host/events")).toBe(true);
    expect(bypassesGate("/api/live/games/cabc123def456/player/events?x=1")).toBe(true);
    expect(bypassesGate("/api/live/games/cabc123def456/answers")).toBe(false);
    expect(bypassesGate("/api/live/games/cabc123def456/host")).toBe(false);
    expect(bypassesGate("/api/live/games/a/b/player/events")).toBe(false);
    expect(bypassesGate("/api/live/games/x/player/events/more")).toBe(false);
  });
});
