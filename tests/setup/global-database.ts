import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/tooling/prepare-database";

declare module "vitest" {
  export interface ProvidedContext {
    migratedDatabase: string;
  }
}

/** Migrates one base file per run; each test copies it instead of migrating again. */
export default function setup(project: TestProject) {
  const file = path.join(os.tmpdir(), `poddeck-test-base-${process.pid}-${Date.now()}.db`);
  applyMigrations(process.cwd(), file);
  project.provide("migratedDatabase", file);
  return () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  };
}
