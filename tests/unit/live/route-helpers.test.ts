import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/server/errors";
import { parseGameId, parsePin } from "@/lib/server/live/route-helpers";

describe("live route params", () => {
  it("accepts a PIN with spaces or a dash and refuses anything else with a 400", () => {
    expect(parsePin("123 456")).toBe("123456");
    expect(parsePin("123-456")).toBe("123456");
    // Next.js decodes params already: a "%" must not be decoded again (that threw: a 500).
    for (const bad of ["12%3456", "%E0%A4%A", "023456", "__proto__", "x".repeat(5000)]) {
      expect(() => parsePin(bad)).toThrow(DomainError);
    }
  });

  it("accepts cuids only as game ids", () => {
    expect(parseGameId("cmx1qim8g000qzj7ds6hnjjme")).toBe("cmx1qim8g000qzj7ds6hnjjme");
    for (const bad of ["", "a/b", "../x", "X".repeat(41), "cmx1qim8g000qzj7ds6hnjjmé"]) {
      expect(() => parseGameId(bad)).toThrow(DomainError);
    }
  });
});
