import { describe, expect, it } from "vitest";
import { attachmentDisposition, gradebookFileName } from "@/lib/core/classes/gradebook-file";

describe("the gradebook's file name", () => {
  it("keeps a Cyrillic name exactly in filename* and gives an ASCII fallback", () => {
    const name = gradebookFileName("10 Б класс", "2026-03-05");
    expect(name).toBe("10 Б класс — gradebook 2026-03-05.csv");
    const header = attachmentDisposition(name);
    expect(header).toBe(
      `attachment; filename="10 _ _____ _ gradebook 2026-03-05.csv"; ` +
        `filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe(name);
  });

  it("drops path separators, quotes and control characters from the class name", () => {
    expect(gradebookFileName('a/b\\c"d\r\ne', "2026-01-01")).toBe(
      "a b c d e — gradebook 2026-01-01.csv",
    );
    expect(gradebookFileName("  ", "2026-01-01")).toBe("class — gradebook 2026-01-01.csv");
  });

  it("percent-encodes what RFC 5987 does not allow bare", () => {
    const header = attachmentDisposition("it's (A*B).csv");
    expect(header).toContain(`filename*=UTF-8''it%27s%20%28A%2AB%29.csv`);
    expect(header).toContain(`filename="it's (A*B).csv"`);
  });
});
