import { afterEach, beforeEach, vi } from "vitest";

// An unexpected console.error usually means a swallowed failure: make it fail the test.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(
      `console.error was called: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`,
    );
  }
});
