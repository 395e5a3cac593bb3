import fs from "node:fs";
import { assertThrowawayDatabase } from "../lib/config/assert-throwaway-database";

export default function globalTeardown() {
  const file = process.env.PODDECK_TEST_DB;
  if (!file) return;
  assertThrowawayDatabase(file);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
