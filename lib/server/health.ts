import packageJson from "@/package.json";
import type { Db } from "./db";

export type Health =
  | { status: "ok"; db: "ok"; version: string }
  | { status: "error"; db: "error"; version: string; reason: string };

/** Reads the database once; the route turns an error into 503. */
export async function checkHealth(db: Db): Promise<Health> {
  const version = packageJson.version;
  try {
    await db.$queryRaw`SELECT count(*) AS migrations FROM "_prisma_migrations"`;
    return { status: "ok", db: "ok", version };
  } catch (error) {
    const reason =
      error instanceof Error ? (error.message.split("\n")[0] ?? "unknown") : String(error);
    return { status: "error", db: "error", version, reason: `database cannot be read: ${reason}` };
  }
}
