import fs from "node:fs";
import type { Browser } from "@playwright/test";
import { becomeTeacher, createClass, registerNamed } from "./class-helpers";
import { expect, test } from "./fixtures";
import { answerCurrentCard } from "./study-helpers";
import { readValue, readValues } from "./test-database";

const DOCUMENT = fs.readFileSync("tests/fixtures/documents/vm-vs-container.en.md", "utf8");
const OLD = "which usually takes from several seconds to a few minutes";
const NEW = "which usually takes from ten seconds to a few minutes";
const PREVIEW = "Показать, что получится";

/** A guest with an address of its own, enrolled in the class with `code`. */
async function guestIn(browser: Browser, code: string, name: string) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `e2e-${crypto.randomUUID()}` },
  });
  const join = await context.request.post(`/api/join/${code}`, { data: { displayName: name } });
  expect(join.status()).toBe(201);
  return context;
}

const activeIds = (deckId: string) =>
  readValues<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY id`,
    deckId,
  );
const quoteOf = (questionId: string) =>
  JSON.parse(readValue<string>(`SELECT payload AS value FROM "Question" WHERE id = ?`, questionId))
    .source.quote as string;

test("a teacher's own deck: fixed by line, saved, shared with one class, studied there, edited", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await registerNamed(page, "Author Teacher");
  await becomeTeacher(page);
  const shared = await createClass(page, "Shared class");
  const other = await createClass(page, "Other class");

  // A document with an aspect given twice: the problem names its line, which the button selects.
  await page.goto("/decks/new");
  const lines = DOCUMENT.split("\n");
  const kernel = lines.findIndex((l) => l.startsWith("- **Kernel:**"));
  const broken = [...lines.slice(0, kernel + 1), lines[kernel], ...lines.slice(kernel + 1)];
  const area = page.getByLabel("Документ (markdown)");
  await area.fill(broken.join("\n"));
  await page.getByRole("button", { name: PREVIEW }).click();
  const problems = page.getByTestId("document-problems");
  const lineButton = problems.getByRole("button", { name: /^Строка \d+$/ }).first();
  await expect(lineButton).toBeVisible();
  const save = page.getByRole("button", { name: "Сохранить колоду" });
  await expect(save, "nothing to save while the document has problems").toBeDisabled();
  const line = Number((await lineButton.textContent())!.replace(/\D/g, ""));
  await lineButton.click();
  await expect(area).toBeFocused();
  // The line numbers next to the text count as far as the text goes.
  await expect(page.locator(".line-numbers")).toContainText(String(broken.length));
  // Fix: delete the selected duplicate line, then preview and save.
  expect(broken[line - 1]).toBe(lines[kernel]);
  await area.fill(DOCUMENT);
  await page.getByRole("button", { name: PREVIEW }).click();
  await expect(page.getByTestId("deck-preview")).toBeVisible();
  await save.click();
  await expect(page).toHaveURL(/\/decks\/own-[\w-]+$/);
  const deckId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByText("Ваша колода, видна только вам")).toBeVisible();

  // Shared with one class only.
  await page.getByRole("radio", { name: "Ученики выбранных классов" }).check();
  await page.getByRole("checkbox", { name: "Shared class" }).check();
  await page.getByRole("button", { name: "Сохранить доступ" }).click();
  await expect(page.getByText("Доступ сохранён.")).toBeVisible();
  await expect(page.getByText("Ваша колода, видна вашим классам")).toBeVisible();

  const [inClass, outside] = await Promise.all([
    guestIn(browser, shared.code, "Class Student"),
    guestIn(browser, other.code, "Other Student"),
  ]);
  try {
    // The class's student finds it on /decks and studies it.
    const student = await inClass.newPage();
    await student.goto("/decks");
    await student.getByRole("link", { name: "Virtual machine vs Container" }).click();
    await expect(student).toHaveURL(new RegExp(`/decks/${deckId}$`));
    await student.getByRole("link", { name: "Учить эту колоду" }).click();
    await answerCurrentCard(student, "mouse");
    // A student of another class: a 404 on the page and no card from it.
    expect((await outside.request.get(`/decks/${deckId}`)).status()).toBe(404);
    const study = await outside.request.get(`/api/study?deck=${encodeURIComponent(deckId)}`);
    expect((await study.json()).card).toBeNull();

    // The author edits one sentence: only the questions citing it change.
    const before = activeIds(deckId);
    await page.getByRole("link", { name: "Редактировать документ" }).click();
    const editor = page.getByLabel("Документ (markdown)");
    await expect(editor).toHaveValue(DOCUMENT);
    await editor.fill(DOCUMENT.replace(OLD, NEW));
    await page.getByRole("button", { name: PREVIEW }).click();
    await expect(page.getByTestId("deck-preview")).toBeVisible();
    await page.getByRole("button", { name: "Сохранить колоду" }).click();
    await expect(page).toHaveURL(new RegExp(`/decks/${deckId}$`));
    const after = activeIds(deckId);
    const retired = before.filter((id) => !after.includes(id));
    const added = after.filter((id) => !before.includes(id));
    expect(retired.length).toBeGreaterThan(0);
    expect(retired.every((id) => quoteOf(id).includes("several seconds"))).toBe(true);
    expect(added.every((id) => quoteOf(id).includes("ten seconds"))).toBe(true);
    await expect(page.getByTestId("deck-last-edit")).toContainText(
      `добавлено вопросов — ${added.length}`,
    );
    await expect(page.getByTestId("deck-last-edit")).toContainText(
      `выведено из обращения — ${retired.length}`,
    );
  } finally {
    await Promise.all([inClass.close(), outside.close()]);
  }
});
