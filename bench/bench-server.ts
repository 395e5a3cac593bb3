import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseUrlFor } from "@/lib/config/database-url";

export const BENCH_SECRET = "bench-secret-not-for-production-0123456789abcdef";

export interface BenchServer {
  url: string;
  /** The SQLite file, or the PostgreSQL URL, the server runs on. */
  database: string;
  /** The first server process (RSS is read from it). */
  pid: number;
  /** CPU time so far of every server process (user + system), in ms. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/**
 * Starts the production build through `npm start`'s script on a throw-away database (a fresh
 * SQLite file unless `options.database` names one, e.g. a PostgreSQL URL); with
 * `options.instances` ≥ 2 (or `behindProxy`), as `npm run start:cluster` does: that many servers
 * behind HAProxy on `port`. `env` adds to (or overrides) the environment the script gets.
 */
export async function startBenchServer(
  root: string,
  port: number,
  env: Record<string, string> = {},
  options: { database?: string; instances?: number; behindProxy?: boolean } = {},
): Promise<BenchServer> {
  const ownFile = options.database
    ? null
    : path.join(os.tmpdir(), `poddeck-bench-${process.pid}-${Date.now()}.db`);
  const database = options.database ?? ownFile ?? "";
  const instances = options.instances ?? 1;
  const behindProxy = options.behindProxy ?? instances > 1;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "scripts/start.ts",
      ...(behindProxy ? ["--cluster", "--instances", String(instances)] : []),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrlFor(database),
        AUTH_SECRET: BENCH_SECRET,
        PODDECK_BENCH: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 300_000;
  let pids: number[] = [];
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited:\n${output}`);
    try {
      // Behind HAProxy: healthy once every instance has started.
      pids = findServerPids(child.pid ?? 0);
      if (pids.length === instances && (await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`bench server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    database,
    pid: pids[0] ?? 0,
    // The whole tree: the servers, and HAProxy in front of several (the start script idles).
    cpuMs: () => treeCpuMs(child.pid ?? 0),
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      if (ownFile) {
        for (const suffix of ["", "-wal", "-shm"])
          fs.rmSync(`${ownFile}${suffix}`, { force: true });
      }
    },
  };
}

/**
 * The servers under the start script (scripts/serve.ts names itself "next-server", as `next
 * start` does): the processes whose RSS and CPU time we report. Not simply the largest one: the
 * start script itself, having synced the decks, can be larger than a freshly started server.
 */
export function findServerPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.shift() ?? 0;
    if (commandLine(pid).startsWith("next-server")) found.push(pid);
    else pending.push(...(children.get(pid) ?? []));
  }
  return found.sort((a, b) => a - b);
}

/** The one server under the start script (see findServerPids). */
export function findServerPid(root: number): number {
  const [pid] = findServerPids(root);
  if (pid === undefined) throw new Error("no next-server process under the start script");
  return pid;
}

/** CPU time of a process and all its descendants (HAProxy, PostgreSQL's backends…), ms. */
export function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      cpu.set(Number(entry), cpuOf(fields));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const pending = [root]; pending.length > 0;) {
    const pid = pending.pop() ?? 0;
    total += cpu.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

// /proc/<pid>/stat counts in clock ticks, 100 per second on Linux.
const TICK_MS = 10;

/** The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1]). */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

// Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
const cpuOf = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) * TICK_MS;

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

export function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
