import os from "node:os";
import path from "node:path";

/**
 * Browser tests must never write to a real database: only a file in the temp folder whose
 * name says it belongs to a test run is accepted.
 */
export function assertThrowawayDatabase(file: string): void {
  const inTemp = path.resolve(file).startsWith(path.resolve(os.tmpdir()) + path.sep);
  const named = path.basename(file).startsWith("poddeck-test-");
  if (!inTemp || !named) {
    throw new Error(
      `refusing to run tests against ${file}: test databases live in ${os.tmpdir()} and are named poddeck-test-*.db`,
    );
  }
}
