import autocannon from "autocannon";
import { percentile } from "./percentiles";

export interface LoadResult {
  name: string;
  connections: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU time (user + system) per response: steady even when the machine is busy. */
  cpuMsPerRequest: number;
  /** The part of it spent in the database server's processes (PostgreSQL), when measured. */
  databaseCpuMsPerRequest?: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  method: "GET" | "POST";
  /** CPU time so far of the server's processes, in ms: read around the run. */
  cpuMs: () => number;
  /** The part of cpuMs spent by a database server (PostgreSQL's backends), to report apart. */
  databaseCpuMs?: () => number;
  /** Called for every request: its path, headers and body. */
  next: () => { path: string; headers?: Record<string, string>; body?: string };
}

/** Runs autocannon and measures every response time itself (autocannon reports no p95). */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const cpuBefore = spec.cpuMs();
  const databaseCpuBefore = spec.databaseCpuMs?.();
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      duration: spec.durationSeconds,
      requests: [
        {
          method: spec.method,
          setupRequest: (request) => {
            const r = spec.next();
            return {
              ...request,
              path: r.path,
              headers: { ...request.headers, "content-type": "application/json", ...r.headers },
              body: r.body,
            };
          },
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode >= 300) errors += 1;
  });
  const result = await done;
  const cpuMs = spec.cpuMs() - cpuBefore;
  const databaseCpuMs =
    databaseCpuBefore === undefined ? undefined : (spec.databaseCpuMs?.() ?? 0) - databaseCpuBefore;
  const perRequest = (ms: number) =>
    times.length > 0 ? Math.round((ms / times.length) * 100) / 100 : 0;
  return {
    name: spec.name,
    connections: spec.connections,
    requests: times.length,
    errors: errors + result.errors + result.timeouts,
    rps: Math.round((times.length / result.duration) * 10) / 10,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    cpuMsPerRequest: perRequest(cpuMs),
    ...(databaseCpuMs === undefined ? {} : { databaseCpuMsPerRequest: perRequest(databaseCpuMs) }),
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
