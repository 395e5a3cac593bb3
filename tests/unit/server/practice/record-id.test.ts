import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/server/errors";
import { parseRecordId } from "@/lib/server/practice/schemas";

describe("parseRecordId", () => {
  it("takes an id as it is", () => {
    expect(parseRecordId("cmx2p55fo00x1x17d4849pr5n", "no such interview")).toBe(
      "cmx2p55fo00x1x17d4849pr5n",
    );
  });

  it("finds nothing for an id with a NUL (a PostgreSQL lookup by it would fail with 500)", () => {
    expect(() => parseRecordId("\u0000", "no such interview")).toThrow(NotFoundError);
    expect(() => parseRecordId("abc\u0000def", "no such interview")).toThrow(NotFoundError);
  });
});
