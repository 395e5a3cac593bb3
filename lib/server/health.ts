import { providerOf, type DatabaseProvider } from "@/lib/config/database-url";
import packageJson from "@/package.json";
import { databaseOf, type Db } from "./db";

export type Health =
  | { status: "ok"; db: "ok"; provider: DatabaseProvider; version: string }
  | {
      status: "error";
      db: "error";
      provider: DatabaseProvider;
      version: string;
      reason: string;
    };

/**
 * Reads the database once (its migrations table: reachable and migrated); the route turns an
 * error into 503. `provider` says which database this instance is on, so a load balancer's
 * check or an operator can tell a SQLite instance that should have been on PostgreSQL.
 */
export async function checkHealth(db: Db): Promise<Health> {
  const version = packageJson.version;
  const provider = providerOf(databaseOf(db));
  try {
    await db.$queryRaw`SELECT count(*) AS migrations FROM "_prisma_migrations"`;
    return { status: "ok", db: "ok", provider, version };
  } catch (error) {
    const reason =
      error instanceof Error ? (error.message.split("\n")[0] ?? "unknown") : String(error);
    return {
      status: "error",
      db: "error",
      provider,
      version,
      reason: `database cannot be read: ${reason}`,
    };
  }
}
