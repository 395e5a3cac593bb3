/**
 * `npm run test:crash`: nothing acknowledged is lost when the server is killed.
 *
 * Runs the production server the way `npm start` does on a throw-away database, lets many
 * guest learners write concurrently, `kill -9`s the whole process group at a random moment,
 * restarts it on the same file and checks, after every round: each write acknowledged with a
 * 2xx is in the database exactly once, every card's version history is whole, and
 * `PRAGMA integrity_check` is ok. Writes the kill left unacknowledged are re-sent (same
 * client id) after the restart, as a client would: they must be applied once too.
 *
 * Write paths: study answers (tests/crash/study-answers.ts) and the live quiz's joins and answers
 * (tests/crash/live-answers.ts).
 *
 * CRASH_ROUNDS (10), CRASH_LEARNERS (40 new per round), CRASH_SEED (random, printed: repeats a
 * run's kill moments), CRASH_PORT (a free one).
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { Endpoint, Learner } from "./learner";
import { startCrashServer, type CrashServer } from "./server";
import { liveAnswers } from "./live-answers";
import { studyAnswers } from "./study-answers";
import { UnexpectedReplyError, type Ack, type PathCheck, type WritePath } from "./write-path";

/** Every write path under test; a learner picks one at random for each write. */
function createWritePaths(endpoint: Endpoint, random: () => number): WritePath[] {
  return [studyAnswers(random), liveAnswers(endpoint, random)];
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const KILL_AFTER_MS = { min: 300, max: 2500 };
const RECOVERY_ATTEMPTS = 5;
const ACK_WAIT_MS = 1000;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** mulberry32: a seeded generator, so a run's kill moments can be repeated. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const n = (value: number) => value.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface Verdict {
  checks: { path: WritePath; check: PathCheck }[];
  integrity: string;
}

function failures(verdict: Verdict): string[] {
  const lines = verdict.integrity === "ok" ? [] : [`integrity_check: ${verdict.integrity}`];
  for (const { path: writePath, check } of verdict.checks) {
    const name = writePath.name;
    if (check.lost.length > 0) lines.push(`${name}: lost ${check.lost.join(", ")}`);
    if (check.duplicated.length > 0) {
      lines.push(`${name}: duplicated ${check.duplicated.join(", ")}`);
    }
    lines.push(...check.problems.map((problem) => `${name}: ${problem}`));
  }
  return lines;
}

async function main() {
  const rounds = intFromEnv("CRASH_ROUNDS", 10);
  const learnersPerRound = intFromEnv("CRASH_LEARNERS", 40);
  const seed = intFromEnv("CRASH_SEED", 1 + Math.floor(Math.random() * 2 ** 31));
  const port = process.env.CRASH_PORT ? intFromEnv("CRASH_PORT", 0) : await freePort();
  const databaseFile = path.join(os.tmpdir(), `poddeck-test-crash-${process.pid}-${Date.now()}.db`);
  assertThrowawayDatabase(databaseFile);

  // Kill moments draw from their own generator: the writes' draws interleave as timing goes.
  const killRandom = seededRandom(seed);
  const random = seededRandom(seed ^ 0x5bd1e995);
  const endpoint = new Endpoint(port);
  const paths = createWritePaths(endpoint, random);
  const acks = new Map<WritePath, Ack[]>(paths.map((p) => [p, []]));
  const learners: Learner[] = [];
  const broken = new Set<Learner>();
  const unexpected: string[] = [];
  let inFlight = 0;
  let replayed = 0;

  let afterAck: (() => void) | null = null;

  /** One write; null when unacknowledged. An unexpected answer takes the learner out. */
  async function write(learner: Learner, writePath: WritePath, how: "join" | "send") {
    let ack: Ack | null = null;
    inFlight++;
    try {
      ack = await writePath[how](learner);
    } catch (error) {
      if (!(error instanceof UnexpectedReplyError)) throw error;
      broken.add(learner);
      unexpected.push(`${learner.name}, ${writePath.name}: ${error.message}`);
    } finally {
      inFlight--;
    }
    if (ack) {
      acks.get(writePath)?.push(ack);
      if (ack.status === 200) replayed++;
      afterAck?.();
    }
    return ack;
  }

  /** Re-sends, same ids, every write a kill left unacknowledged, as the learner's client would. */
  async function resendPending(): Promise<{ sent: number; acked: number; replays: number }> {
    const pending = learners.flatMap((learner) =>
      broken.has(learner)
        ? []
        : paths.filter((p) => p.hasPending(learner)).map((p) => ({ learner, p })),
    );
    const replayedBefore = replayed;
    const results = await Promise.all(pending.map(({ learner, p }) => write(learner, p, "send")));
    const acked = results.filter((ack) => ack !== null).length;
    return { sent: pending.length, acked, replays: replayed - replayedBefore };
  }

  function verify(): Verdict {
    return readDatabase(databaseFile, (db) => ({
      integrity: (db.prepare("PRAGMA integrity_check").pluck().all() as string[]).join("; "),
      checks: paths.map((p) => ({ path: p, check: p.verify(db, acks.get(p) ?? []) })),
    }));
  }

  const totalAcks = () => [...acks.values()].reduce((sum, list) => sum + list.length, 0);
  const startedAt = Date.now();
  console.log(
    `crash test: ${rounds} rounds, ${learnersPerRound} new learners each, seed ${seed} (CRASH_SEED=${seed} repeats it), port ${port}`,
  );
  let server: CrashServer = await startCrashServer({ root: ROOT, port, databaseFile });
  console.log(
    `first start (migrations, decks, build when stale): ${seconds(server.startMs)}, ${seconds(server.startCpuMs)} CPU`,
  );
  readDatabase(databaseFile, (db) => paths.forEach((p) => p.prepare(db)));

  let failed: string[] = [];
  let verdict: Verdict | null = null;
  let restartMs = 0;
  let restartCpuMs = 0;
  let roundsRun = 0;
  for (let round = 1; round <= rounds && failed.length === 0; round++) {
    roundsRun = round;
    const acksBefore = totalAcks();

    const cohort = Array.from(
      { length: learnersPerRound },
      (_, i) => new Learner(`r${round}-l${i}`, `10.${round}.${i >> 8}.${i & 255}`, endpoint),
    );
    learners.push(...cohort);
    // A learner's first write makes it a guest (its cookie); it is not part of the crash.
    await Promise.all(
      cohort.map((learner) => Promise.all(paths.map((p) => write(learner, p, "join")))),
    );

    let killed = false;
    const loops = cohort.map(async (learner) => {
      while (!killed && !broken.has(learner)) {
        const writePath = paths[Math.floor(random() * paths.length)] as WritePath;
        // Refused for now (429/503): come back a moment later, as the client would.
        if ((await write(learner, writePath, "send")) === null && !killed) await sleep(50);
      }
    });
    // The kill lands right after an acknowledgement, once a random time has passed: the moment a
    // write acknowledged before it was durable would be lost (a fallback covers no acks at all).
    const killAfter =
      KILL_AFTER_MS.min + Math.floor(killRandom() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
    let inFlightAtKill = 0;
    await new Promise<void>((resolve, reject) => {
      const fire = () => {
        if (killed) return;
        killed = true; // no new writes; those in flight die with the server
        afterAck = null;
        inFlightAtKill = inFlight;
        server.kill().then(resolve, reject);
      };
      setTimeout(() => {
        afterAck = fire;
        setTimeout(fire, ACK_WAIT_MS);
      }, killAfter);
    });
    await Promise.all(loops);
    endpoint.reset();
    const killedPid = server.serverPid;

    server = await startCrashServer({ root: ROOT, port, databaseFile });
    restartMs += server.startMs;
    restartCpuMs += server.startCpuMs;
    const acked = totalAcks() - acksBefore;
    const resent = await resendPending();
    verdict = verify();
    failed = failures(verdict);
    const found = verdict.checks.reduce((sum, { check }) => sum + check.found, 0);
    console.log(
      `round ${round}: kill -9 of next-server ${killedPid} ${n(killAfter)} ms in, ${inFlightAtKill} writes in flight` +
        ` | ${n(acked)} acknowledged | restart ${seconds(server.startMs)} (${seconds(server.startCpuMs)} CPU)` +
        ` | ${resent.sent} re-sent: ${resent.acked} acknowledged, ${resent.replays} of them already applied` +
        ` | found ${n(found)} of ${n(totalAcks())}, ${verdict.checks.map(({ check }) => check.checked).join(", ")}` +
        ` | integrity ${verdict.integrity}`,
    );
    if (inFlightAtKill === 0) failed.push(`round ${round}: nothing was in flight at the kill`);
  }

  // Every write a kill left unacknowledged gets through in the end (after a 429/503, later).
  let pending = 0;
  for (let attempt = 0; attempt < RECOVERY_ATTEMPTS && failed.length === 0; attempt++) {
    const resent = await resendPending();
    pending = resent.sent - resent.acked;
    if (pending === 0) break;
    await sleep(1000);
  }
  if (pending > 0) failed.push(`${pending} writes were never acknowledged after the restarts`);
  if (failed.length === 0) {
    verdict = verify();
    failed = failures(verdict);
  }
  await server.kill();
  failed.push(...unexpected);

  const checks = verdict?.checks ?? [];
  const found = checks.reduce((sum, { check }) => sum + check.found, 0);
  const lost = checks.reduce((sum, { check }) => sum + check.lost.length, 0);
  const duplicated = checks.reduce((sum, { check }) => sum + check.duplicated.length, 0);
  console.log(
    `\ncrash test: ${roundsRun} of ${rounds} rounds, ${n(learners.length)} learners, ${n(totalAcks())} writes acknowledged ` +
      `(${n(replayed)} of them replays of a write applied before the kill), found ${n(found)}, ` +
      `lost ${n(lost)}, duplicated ${n(duplicated)}, integrity ${verdict?.integrity ?? "not checked"}; ` +
      `${checks.map(({ check }) => check.checked).join(", ")}; restarts ${seconds(restartMs)} ` +
      `(${seconds(restartCpuMs)} CPU), total ${seconds(Date.now() - startedAt)}`,
  );
  if (failed.length > 0) {
    console.error(
      `\nFAILED (database kept at ${databaseFile}):\n${failed.slice(0, 50).join("\n")}`,
    );
    process.exit(1);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
