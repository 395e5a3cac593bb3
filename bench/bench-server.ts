import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BENCH_SECRET = "bench-secret-not-for-production-0123456789abcdef";

export interface BenchServer {
  url: string;
  databaseFile: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts the production build through `npm start`'s script on a throw-away database; `env` adds
 * to (or overrides) the environment the script gets.
 */
export async function startBenchServer(
  root: string,
  port: number,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const databaseFile = path.join(os.tmpdir(), `poddeck-bench-${process.pid}-${Date.now()}.db`);
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: `file:${databaseFile}`,
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
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`bench server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const serverPid = await findServerPid(child.pid ?? 0);
  return {
    url,
    databaseFile,
    pid: serverPid,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      for (const suffix of ["", "-wal", "-shm"])
        fs.rmSync(`${databaseFile}${suffix}`, { force: true });
    },
  };
}

/**
 * The server under the start script (scripts/serve.ts names itself "next-server", as `next start`
 * does): the process whose
 * RSS and CPU time we report. Not simply the largest one: the start script itself, having synced
 * the decks, can be larger than a freshly started server.
 */
export async function findServerPid(root: number): Promise<number> {
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
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.shift() ?? 0;
    if (commandLine(pid).startsWith("next-server")) return pid;
    pending.push(...(children.get(pid) ?? []));
  }
  throw new Error("no next-server process under the start script");
}

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
