import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throw-away PostgreSQL cluster owned by this process (tests, `db:new-migration`): its own data
 * directory and socket folder under the temp folder, its own port, trust authentication on
 * 127.0.0.1 only, durability off (nothing in it outlives the run). Stopped and deleted by
 * `stop()`, on exit, on Ctrl-C, and — if its owner was killed outright — by the next cluster
 * started on this machine.
 */
export interface PostgresCluster {
  port: number;
  /** `postgresql://poddeck@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  /** Runs SQL through psql against `database` (default `postgres`); throws with its stderr. */
  psql(sql: string, database?: string): string;
  /** The postmaster's process id (its backends are its children): for CPU accounting. */
  serverPid(): number;
  stop(): void;
}

export class PostgresClusterError extends Error {}

const PREFIX = "poddeck-pg-";
const OWNER_FILE = "owner.pid";
const SUPERUSER = "poddeck";
/**
 * Test clusters stay off PostgreSQL's usual port; PODDECK_PG_FIRST_PORT moves them, so runs side
 * by side on one machine do not race for the same free port.
 */
export const FIRST_CLUSTER_PORT = 55432;

function firstClusterPort(): number {
  const fromEnv = Number(process.env.PODDECK_PG_FIRST_PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : FIRST_CLUSTER_PORT;
}

/** Debian's server binaries (`apt-get install postgresql`): the newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new PostgresClusterError(
      "PostgreSQL is not installed: Debian `apt-get install -y postgresql` (no server needs to run)",
    );
  }
  return path.join(base, versions[0]!, "bin");
}

/** initdb refuses to run as root: then the cluster belongs to Debian's `postgres` user. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [bin, args];
  return ["runuser", ["-u", "postgres", "--", bin, ...args]];
}

function run(
  label: string,
  command: string,
  args: string[],
  options: SpawnSyncOptions = {},
): string {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    const output = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim();
    throw new PostgresClusterError(`${label} failed: ${output}`);
  }
  return String(result.stdout ?? "");
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) if (await portIsFree(port)) return port;
  throw new PostgresClusterError(`no free port in ${from}–${from + 199}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeCluster(bin: string, dir: string): void {
  const data = path.join(dir, "data");
  if (fs.existsSync(path.join(data, "postmaster.pid"))) {
    const [cmd, args] = asServerUser(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-m",
      "immediate",
      "stop",
    ]);
    spawnSync(cmd, args, { stdio: "ignore" });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Clusters whose owning process died without cleaning up (SIGKILL, a crash). */
function sweepOrphans(bin: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner: number;
    try {
      owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), "utf8"));
    } catch {
      continue; // another process is still creating it
    }
    if (!processAlive(owner)) removeCluster(bin, dir);
  }
}

export async function startPostgresCluster(
  options: {
    firstPort?: number;
    /** Keep fsync and full-page writes (a benchmark compares it with SQLite, which keeps them). */
    durable?: boolean;
  } = {},
): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  sweepOrphans(bin);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  const data = path.join(dir, "data");
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    removeCluster(bin, dir);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  };
  process.on("exit", stop);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    if (process.getuid?.() === 0) {
      const { uid, gid } = serverUser();
      fs.chownSync(dir, uid, gid);
    }
    const [initCmd, initArgs] = asServerUser(path.join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      SUPERUSER,
      "--auth=trust",
      "--encoding=UTF8",
      // Byte order, like SQLite's default BINARY collation.
      "--locale=C",
      "--no-sync",
    ]);
    run("initdb", initCmd, initArgs);
    const port = await freePort(options.firstPort ?? firstClusterPort());
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      // Commits not waited to disk, like SQLite's WAL with synchronous=NORMAL; tests also skip
      // fsync altogether (nothing they write must survive a crash of the machine).
      "-c synchronous_commit=off",
      ...(options.durable ? [] : ["-c fsync=off", "-c full_page_writes=off"]),
      "-c max_connections=300",
    ].join(" ");
    const [ctlCmd, ctlArgs] = asServerUser(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-o",
      serverOptions,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "start",
    ]);
    run("pg_ctl start", ctlCmd, ctlArgs);
    const url = (database: string) => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${database}`;
    return {
      port,
      url,
      psql: (sql, database = "postgres") =>
        run("psql", path.join(bin, "psql"), [
          "-X",
          "-q",
          "-v",
          "ON_ERROR_STOP=1",
          "-d",
          url(database),
          "-c",
          sql,
        ]),
      serverPid: () =>
        Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]),
      stop,
    };
  } catch (error) {
    const log = path.join(dir, "server.log");
    const detail = fs.existsSync(log) ? `\n${fs.readFileSync(log, "utf8").slice(-2000)}` : "";
    stop();
    if (error instanceof PostgresClusterError) error.message += detail;
    throw error;
  }
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function serverUser(): { uid: number; gid: number } {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new PostgresClusterError("running as root, but there is no `postgres` user");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}
