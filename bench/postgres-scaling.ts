import { startPostgresCluster } from "@/lib/tooling/postgres-cluster";
import { startBenchServer, treeCpuMs } from "./bench-server";
import type { LiveBenchResult } from "./live-game-load";
import type { StudyBenchRow } from "./study-load";

export interface PostgresRun {
  instances: number;
  /** Behind HAProxy (`npm run start:cluster`); one server alone separates the proxy's cost. */
  behindProxy: boolean;
  seedSeconds: number | null;
  study: StudyBenchRow[];
  live: LiveBenchResult | null;
}

/**
 * `npm run bench -- --db=postgres`: the study routes and the live game on PostgreSQL, with one
 * server alone, one behind HAProxy and two behind HAProxy (`npm run start:cluster`), each on a fresh database of a
 * throw-away cluster with durable settings (fsync on; commits not waited for, like SQLite's WAL
 * with synchronous=NORMAL). CPU per request counts every process that serves: the servers,
 * HAProxy and PostgreSQL's backends.
 */
export async function benchOnPostgres(options: {
  root: string;
  port: number;
  deckId: string;
  learners: number;
  reviewLogs: number;
  durationSeconds: number;
  levels: number[];
  livePlayers: number | null;
  /** Environment of the servers for the study load (no shedding). */
  studyEnv: Record<string, string>;
}): Promise<PostgresRun[]> {
  const { benchStudy } = await import("./study-load");
  const { seedStudyLoad } = await import("./seed-load");
  const { benchLiveGame } = await import("./live-game-load");
  const cluster = await startPostgresCluster({
    durable: true,
    firstPort: Number(process.env.PODDECK_PG_FIRST_PORT) || 58432,
  });
  const databaseCpuMs = () => treeCpuMs(cluster.serverPid());
  let databases = 0;
  const freshDatabase = () => {
    const name = `poddeck_bench_${++databases}`;
    cluster.psql(`CREATE DATABASE ${name}`);
    return cluster.url(name);
  };
  const runs: PostgresRun[] = [];
  try {
    for (const [instances, behindProxy] of [
      [1, false],
      [1, true],
      [2, true],
    ] as const) {
      const run: PostgresRun = { instances, behindProxy, seedSeconds: null, study: [], live: null };
      runs.push(run);
      const label = postgresRunLabel(run);
      // The load's clients name their own addresses in X-Forwarded-For, as a proxy in front
      // would; HAProxy appends its client's (127.0.0.1): one more hop to trust, or every player
      // is one address and the per-address join limit refuses the 36th with 429.
      const hops: Record<string, string> = behindProxy ? { TRUSTED_PROXY_HOPS: "2" } : {};
      console.log(`bench: ${label}: study routes…`);
      const server = await startBenchServer(
        options.root,
        options.port,
        { ...options.studyEnv, ...hops },
        {
          database: freshDatabase(),
          instances,
          behindProxy,
        },
      );
      try {
        const load = await seedStudyLoad({
          database: server.database,
          deckId: options.deckId,
          learners: options.learners,
          reviewLogs: options.reviewLogs,
          now: new Date(),
        });
        run.seedSeconds = load.seedSeconds;
        run.study = await benchStudy({
          url: server.url,
          cpuMs: () => server.cpuMs() + databaseCpuMs(),
          databaseCpuMs,
          load,
          deckId: options.deckId,
          durationSeconds: options.durationSeconds,
          levels: options.levels,
        });
      } finally {
        await server.stop();
      }
      if (options.livePlayers === null) continue;
      console.log(`bench: ${label}: live game…`);
      const liveServer = await startBenchServer(options.root, options.port, hops, {
        database: freshDatabase(),
        instances,
        behindProxy,
      });
      try {
        run.live = await benchLiveGame({
          url: liveServer.url,
          databaseFile: liveServer.database,
          serverPid: liveServer.pid,
          deckId: options.deckId,
          players: options.livePlayers,
          rejoiners: options.livePlayers / 10,
        });
      } finally {
        await liveServer.stop();
      }
    }
  } finally {
    cluster.stop();
  }
  return runs;
}

export const postgresRunLabel = (run: Pick<PostgresRun, "instances" | "behindProxy">) =>
  `PostgreSQL, ${run.instances} server${run.instances > 1 ? "s" : ""}${run.behindProxy ? " behind HAProxy" : ""}`;
