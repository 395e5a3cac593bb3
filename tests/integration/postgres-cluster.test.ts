import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { startPostgresCluster } from "@/lib/tooling/postgres-cluster";

function clusterDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("poddeck-pg-"));
}

/** The folder of the cluster on `port`, found by the socket PostgreSQL puts in it. */
function folderOf(port: number): string {
  const dir = clusterDirs().find((name) =>
    fs.existsSync(path.join(os.tmpdir(), name, `.s.PGSQL.${port}`)),
  );
  expect(dir, `a cluster folder with the socket of port ${port}`).toBeDefined();
  return path.join(os.tmpdir(), dir!);
}

/** Alive and not a zombie (an exited server waits to be reaped by whoever adopted it). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

describe("the throw-away PostgreSQL cluster", () => {
  it("serves on its own port and leaves nothing behind when stopped", async () => {
    const cluster = await startPostgresCluster({ firstPort: 55600 });
    const dir = folderOf(cluster.port);
    expect(cluster.psql("SELECT 41 + 1", "postgres")).toContain("42");
    cluster.stop();
    expect(fs.existsSync(dir)).toBe(false);
    expect(() => cluster.psql("SELECT 1")).toThrow();
  }, 60_000);

  it("is removed by the next one started when its owner died without stopping it", async () => {
    const orphan = await startPostgresCluster({ firstPort: 55600 });
    const dir = folderOf(orphan.port);
    // As if its process had been killed: the owner file names a process that has exited.
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
    fs.writeFileSync(path.join(dir, "owner.pid"), String(dead));
    const postmaster = Number(
      fs.readFileSync(path.join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0],
    );
    expect(running(postmaster)).toBe(true);

    const next = await startPostgresCluster({ firstPort: 55600 });
    try {
      expect(fs.existsSync(dir)).toBe(false);
      // pg_ctl returns once the server removed its pid file, a moment before it exits.
      await expect.poll(() => running(postmaster), { timeout: 5000 }).toBe(false);
    } finally {
      next.stop();
      orphan.stop();
    }
  }, 60_000);

  it("starts from PODDECK_PG_FIRST_PORT when the caller names no port", async () => {
    vi.stubEnv("PODDECK_PG_FIRST_PORT", "57600");
    try {
      const cluster = await startPostgresCluster();
      try {
        expect(cluster.port).toBeGreaterThanOrEqual(57600);
        expect(cluster.port).toBeLessThan(57800);
      } finally {
        cluster.stop();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
