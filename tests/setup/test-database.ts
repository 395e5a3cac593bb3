import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { createDb, type Db } from "@/lib/server/db";

export interface TestDatabase {
  file: string;
  db: Db;
  cleanup: () => Promise<void>;
}

/**
 * A private copy of the migrated base database (or of `from`, a test database whose WAL was
 * checkpointed): tests never share or touch var/.
 */
export function createTestDatabase(options: { from?: string } = {}): TestDatabase {
  const file = path.join(os.tmpdir(), `poddeck-test-${crypto.randomUUID()}.db`);
  assertThrowawayDatabase(file);
  fs.copyFileSync(options.from ?? inject("migratedDatabase"), file);
  const db = createDb(file);
  return {
    file,
    db,
    cleanup: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
