import http from "node:http";
import { encode } from "next-auth/jwt";
import { createAuthSession } from "@/lib/server/auth/auth-sessions";
import { createDb } from "@/lib/server/db";
import { BENCH_SECRET, rssMegabytes } from "./bench-server";
import { percentile } from "./percentiles";
import { request as sendRequest, type Reply } from "./http-request";

/*
 * One live game with many players, driven over HTTP the way phones drive it: each player joins
 * with its own address, keeps one server-sent-events stream open and posts its answers; the host
 * posts commands. Node's own HTTP client, no browser. What it measures (issue 14, item 7):
 *   - joins: every player joined and holds a stream, and how long that took;
 *   - start: from the host's "start" to each player's first snapshot of the question;
 *   - answers: all players but one answer within a 10 s window (one keeps the question open
 *     until its deadline); every acknowledgement, its latency, and the rows in the database
 *     afterwards (lost = acknowledged but absent; duplicated = more rows than answers sent);
 *   - results: from the deadline to each player's snapshot with the revealed answer;
 *   - rejoin: in the second question some players drop their stream and come back (join again
 *     with their cookie, reopen the stream); their score and streak must be what they were;
 *   - the server's RSS at the end.
 */

const SESSION_COOKIE = "authjs.session-token";
const ANSWER_WINDOW_MS = 10_000;
const SECONDS_PER_QUESTION = 20;
/** Joins in flight at once: a classroom arrives over tens of seconds, not in one instant. */
const JOIN_CONCURRENCY = 64;

export interface LiveBenchResult {
  players: number;
  joinedPlayers: number;
  joinSeconds: number;
  /** Share of players whose first snapshot of the question came within 1 s of "start". */
  startWithin1s: number;
  startMs: { p50: number; p99: number; max: number };
  answersSent: number;
  answersAcknowledged: number;
  answersStored: number;
  answersLost: number;
  answersDuplicated: number;
  ackMs: { p50: number; p95: number; max: number };
  /** Share of players that saw the revealed answer within 1 s after the deadline. */
  resultsWithin1s: number;
  resultsMs: { p50: number; p99: number; max: number };
  rejoined: number;
  rejoinKeptScore: number;
  serverRssMb: number;
}

interface Snapshot {
  phase: string;
  questionIndex: number;
  serverNow: number;
  remainingMs: number;
  question: { options: { id: string }[] } | null;
  me: { score: number; streak: number } | null;
  reveal: object | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return sendRequest(url, { ...options, agent });
}

/** Sends again after a 503 (the admission gate's Retry-After) or a dropped connection. */
async function requestPatiently(
  url: string,
  options: Parameters<typeof request>[1],
  attempts = 8,
): Promise<Reply> {
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await request(url, options);
      if (reply.status !== 503 || attempt >= attempts) return reply;
      const wait = Number(reply.headers["retry-after"] ?? 1) * 1000;
      await new Promise((r) => setTimeout(r, wait));
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** One open event stream: calls `onSnapshot` with every snapshot, with its arrival time. */
function openStream(
  url: string,
  headers: Record<string, string>,
  onSnapshot: (snapshot: Snapshot, at: number) => void,
): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: "text/event-stream", ...headers } });
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`event stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding("utf8");
      let buffer = "";
      let opened = false;
      res.on("data", (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith("event: snapshot")) continue;
          const data = event.slice(event.indexOf("data: ") + 6);
          onSnapshot(JSON.parse(data) as Snapshot, at);
          if (!opened) {
            opened = true;
            resolve({ close: () => req.destroy() });
          }
        }
      });
      res.on("error", () => undefined);
    });
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

class Player {
  cookie = "";
  latest: Snapshot | null = null;
  stream: { close: () => void } | null = null;
  /**
   * Arrival (Date.now(): the server runs on this machine, so its clock is ours) of the first
   * snapshot showing question `i`, that question's deadline by the server's clock, and the
   * arrival of its reveal.
   */
  readonly questionSeen = new Map<number, number>();
  readonly deadline = new Map<number, number>();
  readonly revealSeen = new Map<number, number>();

  constructor(
    readonly index: number,
    private readonly url: string,
    private readonly pin: string,
    private readonly gameId: string,
  ) {}

  private get headers() {
    return {
      cookie: this.cookie,
      "x-forwarded-for": `10.77.${this.index >> 8}.${this.index & 255}`,
    };
  }

  async join(): Promise<number> {
    const reply = await requestPatiently(`${this.url}/api/live/pins/${this.pin}/players`, {
      method: "POST",
      headers: this.headers,
      body: { nickname: `Player ${this.index}` },
    });
    const setCookie = reply.headers["set-cookie"]?.[0];
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return reply.status;
  }

  async connect(): Promise<void> {
    this.stream = await openStream(
      `${this.url}/api/live/games/${this.gameId}/player/events`,
      this.headers,
      (snapshot, at) => {
        this.latest = snapshot;
        if (snapshot.phase === "question" && !this.questionSeen.has(snapshot.questionIndex)) {
          this.questionSeen.set(snapshot.questionIndex, at);
          this.deadline.set(snapshot.questionIndex, snapshot.serverNow + snapshot.remainingMs);
        }
        if (snapshot.reveal && !this.revealSeen.has(snapshot.questionIndex))
          this.revealSeen.set(snapshot.questionIndex, at);
      },
    );
  }

  disconnect(): void {
    this.stream?.close();
    this.stream = null;
  }

  /** Posts an answer; resolves with the status and the acknowledgement latency. */
  async answer(questionIndex: number, choice: string): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const reply = await requestPatiently(`${this.url}/api/live/games/${this.gameId}/answers`, {
      method: "POST",
      headers: this.headers,
      body: { questionIndex, choice },
    });
    return { status: reply.status, ms: performance.now() - started };
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

const round = (ms: number) => Math.round(ms);
const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 1000;

/** Waits until `test` holds (polled every 20 ms), or fails after `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`live bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function benchLiveGame(options: {
  url: string;
  databaseFile: string;
  serverPid: number;
  deckId: string;
  players: number;
  /** Players that drop and come back in the second question. */
  rejoiners: number;
}): Promise<LiveBenchResult> {
  const { url } = options;
  const db = createDb(options.databaseFile);
  try {
    const now = new Date();
    const host = await db.user.create({
      data: { email: `bench-host-${Date.now()}@example.test`, name: "Bench Host", role: "teacher" },
    });
    const sid = await createAuthSession(db, { userId: host.id, now });
    const token = await encode({ token: { sid }, secret: BENCH_SECRET, salt: SESSION_COOKIE });
    const hostHeaders = { cookie: `${SESSION_COOKIE}=${token}` };
    const created = await request(`${url}/api/live/games`, {
      method: "POST",
      headers: hostHeaders,
      body: { deckId: options.deckId, questionCount: 2, secondsPerQuestion: SECONDS_PER_QUESTION },
    });
    if (created.status !== 201)
      throw new Error(`creating the game: ${created.status} ${created.body}`);
    const { gameId, pin } = JSON.parse(created.body) as { gameId: string; pin: string };
    const command = async (name: string) => {
      const reply = await requestPatiently(`${url}/api/live/games/${gameId}/host`, {
        method: "POST",
        headers: hostHeaders,
        body: { command: name },
      });
      if (reply.status !== 200) throw new Error(`host ${name}: ${reply.status} ${reply.body}`);
    };

    // Joins: every player joins and opens its stream.
    const players = Array.from(
      { length: options.players },
      (_, i) => new Player(i, url, pin, gameId),
    );
    const joinStarted = performance.now();
    let joined = 0;
    const joinMs: number[] = [];
    const connectMs: number[] = [];
    await inBatches(players, JOIN_CONCURRENCY, async (player) => {
      const started = performance.now();
      const status = await player.join();
      if (status !== 201) throw new Error(`player ${player.index} joined with ${status}`);
      const posted = performance.now();
      await player.connect();
      joinMs.push(posted - started);
      connectMs.push(performance.now() - posted);
      joined++;
    });
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    console.log(
      `bench: live: ${joined} players joined in ${joinSeconds.toFixed(1)} s ` +
        `(join p50 ${round(percentile(joinMs, 50))} ms, p95 ${round(percentile(joinMs, 95))} ms; ` +
        `first snapshot p50 ${round(percentile(connectMs, 50))} ms, p95 ${round(percentile(connectMs, 95))} ms)`,
    );

    // Question 1: the start reaches everyone; everyone answers within the window.
    const startSent = Date.now();
    await command("start");
    await until(() => players.every((p) => p.questionSeen.has(0)), 30_000, "the first question");
    const startMs = players.map((p) => p.questionSeen.get(0)! - startSent);
    const acks: { status: number; ms: number }[] = [];
    // One player never answers: a question everyone answered closes at once, and the deadline
    // (with its reveal on every phone) is what is measured here.
    const answering = players.slice(0, -1);
    await Promise.all(
      answering.map(async (player) => {
        await new Promise((r) => setTimeout(r, Math.random() * ANSWER_WINDOW_MS));
        const options = player.latest!.question!.options;
        const choice = options[player.index % options.length]!.id;
        acks.push(await player.answer(0, choice));
      }),
    );
    await until(() => players.every((p) => p.revealSeen.has(0)), 30_000, "the first reveal");
    const resultsMs = players.map((p) => p.revealSeen.get(0)! - p.deadline.get(0)!);
    const stored = await db.liveAnswer.count({ where: { gameId, questionIndex: 0 } });
    const acknowledged = acks.filter((a) => a.status === 201 || a.status === 200).length;

    // Question 2: some players drop mid-question and come back with their cookie.
    await command("next");
    await command("next");
    await until(() => players.every((p) => p.questionSeen.has(1)), 30_000, "the second question");
    const rejoiners = players.slice(0, options.rejoiners);
    const before = new Map(rejoiners.map((p) => [p.index, { ...p.latest!.me! }]));
    for (const player of rejoiners) player.disconnect();
    await new Promise((r) => setTimeout(r, 2000));
    let kept = 0;
    await inBatches(rejoiners, JOIN_CONCURRENCY, async (player) => {
      const status = await player.join();
      if (status !== 200) throw new Error(`player ${player.index} rejoined with ${status}`);
      await player.connect();
      const me = player.latest?.me;
      const was = before.get(player.index)!;
      if (me && me.score === was.score && me.streak === was.streak) kept++;
    });
    await command("end");

    const ackTimes = acks.map((a) => a.ms);
    return {
      players: options.players,
      joinedPlayers: joined,
      joinSeconds: Math.round(joinSeconds * 10) / 10,
      startWithin1s: share(startMs.filter((ms) => ms <= 1000).length, players.length),
      startMs: {
        p50: round(percentile(startMs, 50)),
        p99: round(percentile(startMs, 99)),
        max: round(Math.max(...startMs)),
      },
      answersSent: acks.length,
      answersAcknowledged: acknowledged,
      answersStored: stored,
      answersLost: Math.max(0, acknowledged - stored),
      answersDuplicated: Math.max(0, stored - answering.length),
      ackMs: {
        p50: round(percentile(ackTimes, 50)),
        p95: round(percentile(ackTimes, 95)),
        max: round(Math.max(...ackTimes)),
      },
      resultsWithin1s: share(resultsMs.filter((ms) => ms <= 1000).length, players.length),
      resultsMs: {
        p50: round(percentile(resultsMs, 50)),
        p99: round(percentile(resultsMs, 99)),
        max: round(Math.max(...resultsMs)),
      },
      rejoined: rejoiners.length,
      rejoinKeptScore: kept,
      serverRssMb: rssMegabytes(options.serverPid),
    };
  } finally {
    for (const socket of Object.values(agent.sockets).flat()) socket?.destroy();
    await db.$disconnect();
  }
}

/** `npx tsx bench/live-game-load.ts [players]`: this bench alone, on its own server. */
async function main() {
  const { startBenchServer } = await import("./bench-server");
  const players = Number(process.argv[2] ?? 2000);
  const server = await startBenchServer(process.cwd(), Number(process.env.BENCH_PORT ?? 3210));
  try {
    const result = await benchLiveGame({
      url: server.url,
      databaseFile: server.database,
      serverPid: server.pid,
      deckId: "containers-vs-pods.ru",
      players,
      rejoiners: Math.round(players / 10),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await server.stop();
  }
}

if (process.argv[1]?.endsWith("live-game-load.ts")) await main();
