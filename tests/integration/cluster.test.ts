import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresCluster, type PostgresCluster } from "@/lib/tooling/postgres-cluster";
import { findHaproxy } from "@/lib/tooling/haproxy";
import { request as sendRequest, type Reply } from "@/bench/http-request";

/*
 * Issue 19, parts 3 and 4: `npm run start:cluster -- --instances 2` on a throw-away PostgreSQL
 * cluster — two production servers behind HAProxy on one port. A learner's requests alternate
 * between the instances and every review is stored once; a live game's host watches on one
 * instance while players answer through the other; one instance is killed mid-question and
 * nothing acknowledged is lost.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "cluster-test-secret-not-for-production-0123456789";
const SESSION_COOKIE = "authjs.session-token";
const DECK = "containers-vs-pods.ru";
/** The live quiz's budget: a change reaches every screen within 1 s (README, Live quiz). */
const LIVE_BUDGET_MS = 1000;
const CARDS = 12;
const PLAYERS = 8;

let database: PostgresCluster;
let databaseUrl: string;
let sql: pg.Client;
let starter: ChildProcess;
let output = "";
let port: number;
const instances = new Map<string, { pid: number; port: number }>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function portIsFree(candidate: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(candidate, () => probe.close(() => resolve(true)));
  });
}

/** A port with the next two free as well (the balancer's, then one per instance). */
async function freePorts(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await Promise.all([0, 1, 2].map((i) => portIsFree(base + i)))).every(Boolean)) return base;
  }
}

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; via?: http.Agent },
): Promise<Reply> {
  return sendRequest(url, { ...options, agent: options.via ?? agent });
}

interface Snapshot {
  phase: string;
  questionIndex: number;
  answeredCount?: number;
  players?: { id: string }[];
  question: { options: { id: string }[] } | null;
  me?: { id: string; score: number } | null;
  reveal: object | null;
}

/** An event stream; `seen` holds every snapshot with its arrival time. */
function openStream(url: string, headers: Record<string, string>) {
  const seen: { at: number; snapshot: Snapshot }[] = [];
  let req: http.ClientRequest;
  const opened = new Promise<void>((resolve, reject) => {
    req = http.get(url, { headers: { accept: "text/event-stream", ...headers } });
    req.on("response", (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith("event: snapshot")) continue;
          const snapshot = JSON.parse(event.slice(event.indexOf("data: ") + 6)) as Snapshot;
          seen.push({ at: Date.now(), snapshot });
          resolve();
        }
      });
      res.on("error", () => undefined);
    });
    req.on("error", (error) => reject(error));
  });
  /** The arrival time of the first snapshot (from `since`) that `test` accepts. */
  const until = async (test: (s: Snapshot) => boolean, what: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = seen.find((s) => test(s.snapshot));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no snapshot with ${what} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { opened, seen, until, close: () => req.destroy() };
}

async function waitForOutput(pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(output);
    if (match) return match;
    if (starter.exitCode !== null) throw new Error(`start:cluster exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start:cluster did not get there:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  if (!findHaproxy()) throw new Error("HAProxy is not installed: `apt-get install -y haproxy`");
  database = await startPostgresCluster();
  database.psql("CREATE DATABASE poddeck_test_cluster");
  databaseUrl = database.url("poddeck_test_cluster");
  sql = new pg.Client({ connectionString: databaseUrl });
  port = await freePorts();
  starter = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts", "--cluster", "--instances", "2"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: SECRET,
        PODDECK_TEST: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  starter.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  starter.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // A stale production build is rebuilt first: minutes on a loaded 2-core machine.
  await waitForOutput(/serving at http:\/\/localhost:\d+ through HAProxy/, 600_000);
  for (const [, name, pid, instancePort] of output.matchAll(
    /(instance\d) \(pid (\d+)\) starting on port (\d+)/g,
  )) {
    instances.set(name!, { pid: Number(pid), port: Number(instancePort) });
  }
  await sql.connect();
  // HAProxy counts an instance in after its first health check (within a second).
  const up = new Set<string>();
  const deadline = Date.now() + 30_000;
  while (up.size < 2) {
    const reply = await request(`http://127.0.0.1:${port}/api/health`, {}).catch(() => null);
    if (reply?.status === 200) up.add(String(reply.headers["x-poddeck-instance"]));
    if (Date.now() > deadline) throw new Error(`HAProxy saw only ${[...up]}:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 660_000);

afterAll(async () => {
  await sql?.end().catch(() => undefined);
  if (starter && starter.exitCode === null) {
    starter.kill("SIGTERM");
    await new Promise((r) => starter.once("exit", r));
  }
  database?.stop();
});

const balancer = () => `http://127.0.0.1:${port}`;
const direct = (name: string) => `http://127.0.0.1:${instances.get(name)!.port}`;

describe("two instances behind HAProxy (PostgreSQL)", () => {
  it("alternates a learner's requests between the instances and stores each review once", async () => {
    expect([...instances.keys()].sort()).toEqual(["instance1", "instance2"]);
    // One kept-alive connection, like a browser tab: HAProxy balances requests, not connections.
    const tab = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const served: string[] = [];
    let cookie = "";
    // The guest cookie comes with the first answer, signed by whichever instance stored it.
    const remember = (reply: Reply) => {
      const set = reply.headers["set-cookie"]?.find((c) => c.startsWith("pd_learner="));
      if (set) cookie = set.split(";")[0]!;
    };
    const sent: object[] = [];
    for (let i = 0; i < CARDS; i++) {
      const state = await request(`${balancer()}/api/study?deck=${DECK}`, {
        headers: { cookie },
        via: tab,
      });
      expect(state.status).toBe(200);
      served.push(String(state.headers["x-poddeck-instance"]));
      remember(state);
      const { card } = JSON.parse(state.body) as { card: { question: { id: string } } };
      const answer = {
        clientAnswerId: crypto.randomUUID(),
        questionId: card.question.id,
        cardVersion: null,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 1000,
      };
      sent.push(answer);
      const posted = await request(`${balancer()}/api/study/answers`, {
        method: "POST",
        headers: { cookie },
        body: answer,
        via: tab,
      });
      expect(posted.status, posted.body).toBe(201);
      remember(posted);
      served.push(String(posted.headers["x-poddeck-instance"]));
    }
    // A retried answer (its acknowledgement lost) lands on the other instance: still stored once.
    const retry = await request(`${balancer()}/api/study/answers`, {
      method: "POST",
      headers: { cookie },
      body: sent[0],
      via: tab,
    });
    expect(retry.status).toBeLessThan(300);
    tab.destroy();

    // Round robin per request, over one connection: each instance served about half. (Usually
    // strictly in turn, 1212…; one run on the loaded machine had two pairs in a row.)
    const counts = served.reduce(
      (n, name) => n.set(name, (n.get(name) ?? 0) + 1),
      new Map<string, number>(),
    );
    const order = served.map((name) => name.replace("instance", "")).join("");
    console.log(
      `cluster: ${served.length} requests served by ${order} (${[...counts].join(", ")})`,
    );
    expect([...counts.keys()].sort()).toEqual(["instance1", "instance2"]);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(served.length / 3);
    expect(cookie).not.toBe("");
    const learnerId = decodeURIComponent(cookie.split("=")[1]!).split(".")[0]!;
    const { rows } = await sql.query<{ reviews: number; answers: number }>(
      `SELECT count(*)::int AS reviews, count(DISTINCT "clientAnswerId")::int AS answers
       FROM "ReviewLog" WHERE "learnerId" = $1`,
      [learnerId],
    );
    expect(rows[0]).toEqual({ reviews: CARDS, answers: CARDS });
  }, 60_000);

  it("runs a live game across both, and survives one instance killed mid-question", async () => {
    // The host signs in for real: a next-auth session row and its JWT cookie.
    const { rows: users } = await sql.query<{ id: string }>(
      `INSERT INTO "User" ("id", "email", "name", "role", "createdAt", "updatedAt")
       VALUES ($1, $2, 'Host', 'teacher', now(), now()) RETURNING "id"`,
      [crypto.randomUUID(), `host-${crypto.randomUUID()}@example.test`],
    );
    const sid = crypto.randomUUID();
    await sql.query(
      `INSERT INTO "AuthSession" ("id", "userId", "createdAt", "expiresAt")
       VALUES ($1, $2, now(), now() + interval '1 day')`,
      [sid, users[0]!.id],
    );
    const token = await encode({ token: { sid }, secret: SECRET, salt: SESSION_COOKIE });
    const host = { cookie: `${SESSION_COOKIE}=${token}` };
    const created = await request(`${balancer()}/api/live/games`, {
      method: "POST",
      headers: host,
      body: { deckId: DECK, questionCount: 2, secondsPerQuestion: 120 },
    });
    expect(created.status, created.body).toBe(201);
    const { gameId, pin } = JSON.parse(created.body) as { gameId: string; pin: string };
    const command = async (name: string) => {
      const reply = await request(`${direct("instance1")}/api/live/games/${gameId}/host`, {
        method: "POST",
        headers: host,
        body: { command: name },
      });
      expect(reply.status, `${name}: ${reply.body}`).toBe(200);
    };

    // The host's screen on instance 1; the players join and answer on instance 2.
    const hostStream = openStream(
      `${direct("instance1")}/api/live/games/${gameId}/host/events`,
      host,
    );
    await hostStream.opened;
    const players: { cookie: string; address: string; id?: string }[] = [];
    for (let i = 0; i < PLAYERS; i++) {
      const address = `10.19.0.${i + 1}`;
      const joined = await request(`${direct("instance2")}/api/live/pins/${pin}/players`, {
        method: "POST",
        headers: { "x-forwarded-for": address },
        body: { nickname: `Player ${i + 1}` },
      });
      expect(joined.status, joined.body).toBe(201);
      players.push({ cookie: joined.headers["set-cookie"]![0]!.split(";")[0]!, address });
    }
    const lastJoin = Date.now();
    const lobby = await hostStream.until((s) => s.players?.length === PLAYERS, "every player");
    expect(lobby.at - lastJoin).toBeLessThan(LIVE_BUDGET_MS);

    // Question 1: everyone but one answers on instance 2; the host on instance 1 sees each.
    await command("start");
    const first = await hostStream.until((s) => s.phase === "question", "the first question");
    const options = [first.snapshot.question!.options.map((o) => o.id)];
    const answer = async (url: string, player: (typeof players)[number], index: number) => {
      const choices = options[index]!;
      return request(`${url}/api/live/games/${gameId}/answers`, {
        method: "POST",
        headers: { cookie: player.cookie, "x-forwarded-for": player.address },
        body: { questionIndex: index, choice: choices[players.indexOf(player) % choices.length] },
      });
    };
    const answeredAt: number[] = [];
    const hostLagMs: number[] = [];
    for (const player of players.slice(0, -1)) {
      const reply = await answer(direct("instance2"), player, 0);
      expect(reply.status, reply.body).toBe(201);
      answeredAt.push(Date.now());
      const seen = await hostStream.until(
        (s) => s.phase === "question" && s.answeredCount === answeredAt.length,
        `${answeredAt.length} answers`,
      );
      expect(seen.at - answeredAt.at(-1)!, "host sees the answer in time").toBeLessThan(
        LIVE_BUDGET_MS,
      );
      hostLagMs.push(seen.at - answeredAt.at(-1)!);
    }
    console.log(
      `cluster: answer on instance 2 → host on instance 1: max ${Math.max(...hostLagMs)} ms`,
    );
    await answer(direct("instance2"), players.at(-1)!, 0);
    await hostStream.until((s) => s.reveal !== null, "the first reveal");
    await command("next"); // the leaderboard
    await command("next");
    const second = await hostStream.until(
      (s) => s.phase === "question" && s.questionIndex === 1,
      "question 2",
    );
    options.push(second.snapshot.question!.options.map((o) => o.id));

    // Question 2, through the balancer: instance 2 is killed while the answers arrive. A player
    // whose request failed answers again, as they would tap again; the last one keeps it open.
    const killer = setTimeout(() => process.kill(instances.get("instance2")!.pid, "SIGKILL"), 150);
    const acknowledged = new Map<number, string>();
    const ackedBy = new Set<string>();
    const outcomes = await Promise.all(
      players.slice(0, -1).map(async (player, i) => {
        await new Promise((r) => setTimeout(r, i * 40));
        for (let attempt = 1; ; attempt++) {
          try {
            const reply = await answer(balancer(), player, 1);
            // 201 stored; 200 stored already (a request whose acknowledgement the kill lost).
            if (reply.status === 201 || reply.status === 200) {
              ackedBy.add(String(reply.headers["x-poddeck-instance"]));
              acknowledged.set(i, (JSON.parse(reply.body) as { choice: string }).choice);
              return attempt;
            }
            if (attempt >= 10) throw new Error(`answer ${reply.status} ${reply.body}`);
          } catch (error) {
            if (attempt >= 10) throw error;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
    clearTimeout(killer);
    await new Promise((r) => setTimeout(r, 200));
    expect(processAlive(instances.get("instance2")!.pid)).toBe(false);
    expect(acknowledged.size).toBe(PLAYERS - 1);
    console.log(`cluster: attempts per answer around the kill: ${outcomes.join(", ")}`);
    // Some answers were acknowledged by instance 2 before it died, the rest by instance 1.
    expect([...ackedBy].sort()).toEqual(["instance1", "instance2"]);
    await hostStream.until(
      (s) => s.questionIndex === 1 && s.answeredCount === PLAYERS - 1,
      "every acknowledged answer",
    );
    // After the kill every request reaches instance 1.
    const after = await request(`${balancer()}/api/health`, {});
    expect(after.headers["x-poddeck-instance"]).toBe("instance1");
    expect((await answer(balancer(), players.at(-1)!, 1)).status).toBe(201);
    await hostStream.until((s) => s.questionIndex === 1 && s.reveal !== null, "the last reveal");
    hostStream.close();

    // Nothing lost or duplicated; each player's score is the sum of their answers' points, and
    // a phone reconnecting through the balancer gets it.
    const { rows } = await sql.query<{ answers: number; players: number }>(
      `SELECT count(*)::int AS answers, count(DISTINCT "playerId")::int AS players
       FROM "LiveAnswer" WHERE "gameId" = $1 AND "questionIndex" = 1`,
      [gameId],
    );
    expect(rows[0]).toEqual({ answers: PLAYERS, players: PLAYERS });
    const { rows: scores } = await sql.query<{ id: string; score: number; points: number }>(
      `SELECT p."id", p."score", coalesce(sum(a."points"), 0)::int AS points
       FROM "LivePlayer" p LEFT JOIN "LiveAnswer" a ON a."playerId" = p."id"
       WHERE p."gameId" = $1 GROUP BY p."id", p."score"`,
      [gameId],
    );
    expect(scores).toHaveLength(PLAYERS);
    for (const row of scores) expect(row.score).toBe(row.points);
    const phone = openStream(`${balancer()}/api/live/games/${gameId}/player/events`, {
      cookie: players[0]!.cookie,
    });
    const mine = await phone.until((s) => s.me != null, "the player's own row");
    phone.close();
    expect(mine.snapshot.me!.score).toBe(scores.find((r) => r.id === mine.snapshot.me!.id)!.score);
  }, 120_000);

  it("stops HAProxy and every instance on SIGTERM and frees the port", async () => {
    starter.kill("SIGTERM");
    await new Promise((r) => starter.once("exit", r));
    for (const { pid } of instances.values()) expect(processAlive(pid)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
  }, 30_000);
});
