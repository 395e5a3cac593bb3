import os from "node:os";
import path from "node:path";
import { isPostgresUrl } from "./database-url";

/**
 * Browser tests must never write to a real database: only a file in the temp folder whose
 * name says it belongs to a test run is accepted, or a PostgreSQL database on this machine
 * named poddeck_test_* (a throw-away cluster's, lib/tooling/postgres-cluster.ts).
 */
export function assertThrowawayDatabase(database: string): void {
  if (isPostgresUrl(database)) {
    const url = new URL(database);
    const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    if (local && /^\/poddeck_test_\w+$/.test(url.pathname)) return;
    throw new Error(
      `refusing to run tests against ${url.host}${url.pathname}: test databases on PostgreSQL are local and named poddeck_test_*`,
    );
  }
  const inTemp = path.resolve(database).startsWith(path.resolve(os.tmpdir()) + path.sep);
  const named = path.basename(database).startsWith("poddeck-test-");
  if (!inTemp || !named) {
    throw new Error(
      `refusing to run tests against ${database}: test databases live in ${os.tmpdir()} and are named poddeck-test-*.db`,
    );
  }
}
