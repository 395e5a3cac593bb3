import fs from "node:fs";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";
import { isPostgresUrl } from "../lib/config/database-url";

export default function globalTeardown() {
  const file = process.env.PODDECK_TEST_DB;
  // A PostgreSQL database goes with its cluster (scripts/with-postgres.ts).
  if (!file || isPostgresUrl(file)) return;
  assertThrowawayDatabase(file);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
