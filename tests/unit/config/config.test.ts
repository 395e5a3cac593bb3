import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertThrowawayDatabase } from "@/lib/config/assert-throwaway-database";
import { resolveDatabaseFile } from "@/lib/config/database-url";
import { EnvError, readEnv } from "@/lib/config/env";

describe("resolveDatabaseFile", () => {
  it("defaults to var/poddeck.db under the project", () => {
    expect(resolveDatabaseFile(undefined, "/srv/app")).toBe("/srv/app/var/poddeck.db");
    expect(resolveDatabaseFile("  ", "/srv/app")).toBe("/srv/app/var/poddeck.db");
  });
  it("accepts file: URLs, relative or absolute, and bare paths", () => {
    expect(resolveDatabaseFile("file:./data/x.db", "/srv/app")).toBe("/srv/app/data/x.db");
    expect(resolveDatabaseFile("file:/tmp/y.db?mode=rwc", "/srv/app")).toBe("/tmp/y.db");
    expect(resolveDatabaseFile("z.db", "/srv/app")).toBe("/srv/app/z.db");
    expect(() => resolveDatabaseFile("postgresql://u@127.0.0.1:5432/db", "/srv/app")).toThrow(
      /PostgreSQL server, not a file/,
    );
  });
});

describe("readEnv", () => {
  it("gives every variable a default", () => {
    const env = readEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("production");
    expect(env.database).toBe(path.resolve("var/poddeck.db"));
  });
  it("reads the admission limits, each a positive whole number", () => {
    expect(readEnv({})).toMatchObject({
      PODDECK_MAX_CONCURRENT: 32,
      PODDECK_MAX_QUEUE: 256,
      PODDECK_MAX_WAIT_MS: 1000,
    });
    expect(readEnv({ PODDECK_MAX_WAIT_MS: "2500" }).PODDECK_MAX_WAIT_MS).toBe(2500);
    expect(() => readEnv({ PODDECK_MAX_QUEUE: "0" })).toThrow(/PODDECK_MAX_QUEUE/);
    expect(() => readEnv({ PODDECK_MAX_CONCURRENT: "many" })).toThrow(/PODDECK_MAX_CONCURRENT/);
  });
  it("rejects an invalid port or a short secret with the variable's name", () => {
    expect(() => readEnv({ PORT: "70000" })).toThrow(EnvError);
    expect(() => readEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
  });
  it("trusts one proxy in front by default and refuses a count below one", () => {
    expect(readEnv({}).TRUSTED_PROXY_HOPS).toBe(1);
    expect(readEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => readEnv({ TRUSTED_PROXY_HOPS: "0" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("assertThrowawayDatabase", () => {
  it("accepts only poddeck-test-* files in the temp folder", () => {
    expect(() =>
      assertThrowawayDatabase(path.join(os.tmpdir(), "poddeck-test-1.db")),
    ).not.toThrow();
    expect(() => assertThrowawayDatabase(path.resolve("var/poddeck.db"))).toThrow(/refusing/);
    expect(() => assertThrowawayDatabase(path.join(os.tmpdir(), "poddeck.db"))).toThrow(/refusing/);
  });
});
