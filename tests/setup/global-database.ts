import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "@/lib/tooling/postgres-cluster";
import { applyMigrations } from "@/lib/tooling/prepare-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated base: a SQLite file, or a PostgreSQL template database's URL. */
    migratedDatabase: string;
  }
}

/** The template database each PostgreSQL test database is created from. */
export const POSTGRES_TEMPLATE = "poddeck_test_template";

/**
 * Migrates one base database per run; each test copies it instead of migrating again. With
 * PODDECK_TEST_DB=postgres (`npm run test:postgres`) the base is a template database in a
 * throw-away cluster owned by this run (lib/tooling/postgres-cluster.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.PODDECK_TEST_DB === "postgres") {
    const cluster = await startPostgresCluster();
    cluster.psql(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await applyMigrations(process.cwd(), cluster.url(POSTGRES_TEMPLATE));
    project.provide("migratedDatabase", cluster.url(POSTGRES_TEMPLATE));
    return () => cluster.stop();
  }
  const file = path.join(os.tmpdir(), `poddeck-test-base-${process.pid}-${Date.now()}.db`);
  await applyMigrations(process.cwd(), file);
  project.provide("migratedDatabase", file);
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  };
}
