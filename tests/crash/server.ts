import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { findServerPid } from "@/bench/bench-server";

export const CRASH_SECRET = "crash-test-secret-not-for-production-0123456789";

export interface CrashServer {
  /** The Next.js server process (`next-server`) the start script runs. */
  serverPid: number;
  /** Milliseconds from spawning `scripts/start.ts` to the first healthy answer. */
  startMs: number;
  /**
   * CPU milliseconds the processes spent until then: on a busy machine the wall time says little
   * about what a start costs on an idle one.
   */
  startCpuMs: number;
  /** SIGKILL to the whole process group (start script, tsx and next-server) at once. */
  kill: () => Promise<void>;
}

/** The tail of the start script's output, for the message when something goes wrong. */
function keepTail(child: ChildProcess): () => string {
  let output = "";
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => output;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: "127.0.0.1", port, path: "/api/health", agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.setTimeout(2000, () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/<pid>/stat on Linux

/**
 * Process group, state ("Z" for a zombie) and CPU time of a process, its finished children's
 * included (`prisma migrate deploy` under the start script); null when it is gone.
 */
function processStat(pid: number): { pgid: number; state: string; cpuMs: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime: fields 14-17 of stat(5), 12-15 after the name.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return {
      state: fields[0] ?? "",
      pgid: Number(fields[2]),
      cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

function liveMembers(pgid: number): { pid: number; cpuMs: number }[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      const stat = processStat(Number(entry));
      return stat !== null && stat.pgid === pgid && stat.state !== "Z"
        ? [{ pid: Number(entry), cpuMs: stat.cpuMs }]
        : [];
    });
}

const groups = new Set<number>();
// A detached group outlives this process unless killed: never leave a server behind, not even
// on Ctrl+C (the terminal's SIGINT does not reach another process group).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));
process.on("exit", () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/**
 * Runs `npm start`'s script (`scripts/start.ts`: migrations, decks, build when stale, then
 * `next start`) in a process group of its own, and waits until `/api/health` answers 200.
 */
export async function startCrashServer(options: {
  root: string;
  port: number;
  databaseFile: string;
}): Promise<CrashServer> {
  const started = Date.now();
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: `file:${options.databaseFile}`,
      AUTH_SECRET: CRASH_SECRET,
      PODDECK_TEST: "1",
      AUTH_GITHUB_ID: "",
      AUTH_GOOGLE_ID: "",
    },
  });
  const pgid = child.pid ?? 0;
  groups.add(pgid);
  const output = keepTail(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = started + 300_000; // a first start may build the bundle
  while (!(await healthy(options.port))) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const startMs = Date.now() - started;
  const startCpuMs = liveMembers(pgid).reduce((sum, member) => sum + member.cpuMs, 0);
  const serverPid = await findServerPid(pgid);
  if (processStat(serverPid)?.pgid !== pgid) {
    throw new Error(`next-server (${serverPid}) left the start script's process group`);
  }

  return {
    serverPid,
    startMs,
    startCpuMs,
    kill: async () => {
      process.kill(-pgid, "SIGKILL");
      await exited;
      for (let waited = 0; liveMembers(pgid).length > 0; waited += 10) {
        if (waited > 5000) {
          const pids = liveMembers(pgid).map((member) => member.pid);
          throw new Error(`processes ${pids.join(", ")} survived SIGKILL`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      groups.delete(pgid);
    },
  };
}
