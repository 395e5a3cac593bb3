import { test as base, expect } from "@playwright/test";

/**
 * Every test is a client of its own address, sent in X-Forwarded-For the way a proxy in front
 * reports one (README, Rate limits): per-address limits (guests, sign-ups, sign-in failures) then
 * count each test apart, at their real values, however many tests share one machine.
 * Every page fails its test on an uncaught error or a console.error it did not expect.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  // (`provide`, not `use`: the React hooks lint rule reads a call to `use` as a hook.)
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, "x-forwarded-for": `e2e-${crypto.randomUUID()}` });
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // The location names the resource of a "Failed to load resource" message.
        if (message.type() === "error")
          errors.push(`console.error: ${message.text()} at ${message.location().url}`);
      });
      await use(errors);
      expect(errors, "the page logged errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
