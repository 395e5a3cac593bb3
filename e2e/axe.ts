import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 levels A and AA: the rules axe tags with these. */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The WCAG 2.1 A/AA rules whose outcome depends on colours. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Fails with every WCAG 2.1 A/AA violation axe-core finds on the page as it is now, in light and
 * in dark mode. axe-core ships inside @axe-core/playwright and is injected into the page: no
 * network. The app follows `prefers-color-scheme` (app/globals.css), and dark mode changes
 * colours only, so the dark pass runs the colour rules alone.
 */
export async function expectNoAxeViolations(page: Page) {
  for (const colorScheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme });
    // Legacy mode runs axe in the page alone; the default also opens a blank page per check to
    // merge the results of iframes, which the app does not have. Violations only: axe stops
    // collecting every passing node. `options` replaces the run options, so it comes before
    // withRules/withTags, which add `runOnly` to them.
    const axe = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ["violations"] });
    const { violations } = await (
      colorScheme === "dark" ? axe.withRules(COLOUR_RULES) : axe.withTags(WCAG_21_AA)
    ).analyze();
    const found = violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary}`),
    );
    expect(found, `axe violations in ${colorScheme} mode on ${page.url()}`).toEqual([]);
  }
}
