import { z } from "zod";
import { resolveDatabase } from "./database-url";

/** Every environment variable PodDeck reads, with its default. README's table mirrors this. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().trim().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  // GitHub / Google sign-in switch on only when both of their values are set.
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  AUTH_GOOGLE_ID: z.string().optional(),
  AUTH_GOOGLE_SECRET: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Admission control of the production server (lib/tooling/admission-gate.ts; defaults measured
  // in docs/decisions/004-shed-load-when-saturated.md).
  PODDECK_MAX_CONCURRENT: z.coerce.number().int().min(1).default(32),
  PODDECK_MAX_QUEUE: z.coerce.number().int().min(1).default(256),
  PODDECK_MAX_WAIT_MS: z.coerce.number().int().min(1).default(1000),
  // PostgreSQL connections per process (lib/server/postgres-adapter.ts); instances × this must
  // stay under the server's max_connections.
  PODDECK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  // Proxies in front that append the client's address to X-Forwarded-For (per-address limits).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
});

export type Env = z.infer<typeof EnvSchema> & { database: string };

export class EnvError extends Error {}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`invalid environment: ${problems.join("; ")}`);
  }
  return { ...parsed.data, database: resolveDatabase(parsed.data.DATABASE_URL) };
}

/** How many proxies in front report the client's address; the default when unset or invalid. */
export function trustedProxyHops(source: Record<string, string | undefined> = process.env): number {
  const parsed = EnvSchema.shape.TRUSTED_PROXY_HOPS.safeParse(source.TRUSTED_PROXY_HOPS);
  // `npm start` refuses an invalid value before serving; a server started otherwise falls back.
  return parsed.success ? parsed.data : 1;
}

/** PostgreSQL connections per process; the default when unset or invalid (`npm start` refuses it). */
export function databasePoolSize(source: Record<string, string | undefined> = process.env): number {
  const parsed = EnvSchema.shape.PODDECK_DB_POOL_SIZE.safeParse(source.PODDECK_DB_POOL_SIZE);
  return parsed.success ? parsed.data : EnvSchema.shape.PODDECK_DB_POOL_SIZE.parse(undefined);
}
