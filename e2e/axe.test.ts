import { expectNoAxeViolations } from "./axe";
import { expect, test } from "./fixtures";

/*
 * The accessibility check itself (e2e/axe.ts), on pages made here: it must report what it is
 * asked for in each colour scheme, or every a11y test would pass on any page.
 */

const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>check</title><style>${head}</style></head>` +
  `<body><main><h1>Check</h1>${body}</main></body></html>`;

test("the axe check passes a clean page", async ({ page: tab }) => {
  await tab.setContent(page("p { color: #000; background: #fff }", "<p>Readable text</p>"));
  await expectNoAxeViolations(tab);
});

test("the axe check reports a WCAG violation of the light page", async ({ page: tab }) => {
  await tab.setContent(page("", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'));
  await expect(expectNoAxeViolations(tab)).rejects.toThrow(/light mode[\s\S]*image-alt/);
});

test("the axe check reports colours that fail only in dark mode", async ({ page: tab }) => {
  const dark = "@media (prefers-color-scheme: dark) { p { color: #333; background: #000 } }";
  await tab.setContent(page(`p { color: #000; background: #fff } ${dark}`, "<p>Some text</p>"));
  await expect(expectNoAxeViolations(tab)).rejects.toThrow(/dark mode[\s\S]*color-contrast/);
});
