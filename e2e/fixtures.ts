import { test as base, expect } from "@playwright/test";

/** Every page fails its test on an uncaught error or a console.error it did not expect. */
export const test = base.extend<{ consoleErrors: string[] }>({
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
