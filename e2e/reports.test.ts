import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { currentPrompt } from "./study-helpers";
import { countRows, readValue, readValues } from "./test-database";

const DECK = "containers-vs-pods.ru";

async function guestLearnerOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "pd_learner");
  expect(cookie, "reporting made this visitor a guest").toBeDefined();
  return decodeURIComponent(cookie!.value).split(".")[0]!;
}

const reportsOf = (learnerId: string) =>
  countRows(`SELECT count(*) AS n FROM "QuestionReport" WHERE "learnerId" = ?`, learnerId);

function activeQuestionIds(n: number): string[] {
  return readValues<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY position LIMIT ?`,
    DECK,
    n,
  );
}

function reportDialog(page: Page) {
  return page.getByRole("dialog", { name: "Сообщить о проблеме с вопросом" });
}

test("a learner reports the card shown in /study and sees the confirmation", async ({ page }) => {
  await page.goto("/study");
  const prompt = await currentPrompt(page);
  expect(prompt).not.toBe("");
  const trigger = page.getByRole("button", { name: "Сообщить о проблеме" });
  await trigger.click();

  const dialog = reportDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(prompt);
  await expect(dialog.getByRole("radio").first(), "the focus moves into the dialog").toBeFocused();

  await dialog.getByRole("button", { name: "Отправить" }).click();
  await expect(dialog.getByText("Выберите, что не так.")).toBeVisible();

  await dialog.getByRole("radio", { name: "Неверный ответ" }).check();
  // Digits and Space typed into the comment must not answer or rate the card behind the dialog.
  await dialog.getByLabel("Комментарий (необязательно)").pressSequentially("1 2 3 u — ответ?");
  await dialog.getByRole("button", { name: "Отправить" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Спасибо, мы проверим этот вопрос.");
  await expect(dialog.getByRole("button", { name: "Закрыть" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(trigger, "the focus returns to the button").toBeFocused();
  expect(await currentPrompt(page)).toBe(prompt);

  const learnerId = await guestLearnerOf(page.context());
  expect(countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId)).toBe(
    0,
  );
  expect(
    readValue<string>(
      `SELECT reason || ' / ' || comment || ' / ' || status AS value FROM "QuestionReport" WHERE "learnerId" = ?`,
      learnerId,
    ),
  ).toBe("wrong-answer / 1 2 3 u — ответ? / open");
});

test("on a deck page, by keyboard alone: Escape closes, and a second report updates the first", async ({
  page,
}) => {
  await page.goto(`/decks/${DECK}`);
  const firstQuestion = page.locator(".question-list li").first();
  const trigger = firstQuestion.getByRole("button", { name: "Сообщить о проблеме" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = reportDialog(page);
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("radio").first()).toBeFocused();
  await page.keyboard.press("Space");
  await expect(dialog.getByRole("radio", { name: "Неверный ответ" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Комментарий (необязательно)")).toBeFocused();
  await page.keyboard.type("В источнике сказано иначе");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Отправить" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("status")).toHaveText("Спасибо, мы проверим этот вопрос.");
  await page.keyboard.press("Escape");
  await expect(trigger).toBeFocused();

  const learnerId = await guestLearnerOf(page.context());
  expect(reportsOf(learnerId)).toBe(1);

  await trigger.click();
  await dialog.getByRole("radio", { name: "Непонятная формулировка" }).check();
  await dialog.getByRole("button", { name: "Отправить" }).click();
  await expect(dialog.getByRole("status")).toBeVisible();
  expect(reportsOf(learnerId), "no duplicate").toBe(1);
  expect(
    readValue<string>(
      `SELECT reason AS value FROM "QuestionReport" WHERE "learnerId" = ?`,
      learnerId,
    ),
  ).toBe("unclear-wording");
});

test("a question of a practice test can be reported while it is asked", async ({ page }) => {
  await page.goto("/practice");
  await page.getByRole("button", { name: "Начать тест" }).click();
  const prompt = (await page.locator("#practice-prompt").textContent()) ?? "";
  await page.getByRole("button", { name: "Сообщить о проблеме" }).click();
  const dialog = reportDialog(page);
  await dialog.getByRole("radio", { name: /Неоднозначно/ }).check();
  await dialog.getByRole("button", { name: "Отправить" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Спасибо, мы проверим этот вопрос.");
  const learnerId = await guestLearnerOf(page.context());
  const questionId = readValue<string>(
    `SELECT "questionId" AS value FROM "QuestionReport" WHERE "learnerId" = ?`,
    learnerId,
  );
  expect(
    readValue<string>(`SELECT payload AS value FROM "Question" WHERE id = ?`, questionId),
  ).toContain(JSON.stringify(prompt).slice(1, -1));
});

test("the 11th report in an hour is refused with 429 and Retry-After, and the dialog says so", async ({
  page,
  consoleErrors,
}) => {
  const ids = activeQuestionIds(11);
  // page.request shares the browser's cookies: the first report makes this visitor a guest.
  for (const id of ids.slice(0, 10)) {
    const response = await page.request.post(`/api/questions/${id}/reports`, {
      data: { reason: "other" },
    });
    expect(response.status()).toBe(200);
  }
  const refused = await page.request.post(`/api/questions/${ids[10]}/reports`, {
    data: { reason: "other" },
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(3500);
  expect((await refused.json()).error).toBe("rate_limited");
  expect(reportsOf(await guestLearnerOf(page.context()))).toBe(10);

  await page.goto(`/decks/${DECK}`);
  await page.getByRole("button", { name: "Сообщить о проблеме" }).nth(10).click();
  const dialog = reportDialog(page);
  await dialog.getByRole("radio", { name: "Другое" }).check();
  await dialog.getByRole("button", { name: "Отправить" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    /^Слишком много сообщений\. Попробуйте через (59|60) мин\.$/,
  );
  // The browser logs the refused request; nothing else may be logged.
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("429")]);
});

test("bad input is a 400 with a message, an oversized body a 413; an unknown question is a 404", async ({
  request,
}) => {
  const [id] = activeQuestionIds(1);
  const post = (questionId: string, data: unknown) =>
    request.post(`/api/questions/${encodeURIComponent(questionId)}/reports`, {
      data: data as object,
    });
  for (const data of [
    { reason: "spam" },
    { reason: "other", comment: "x".repeat(1001) },
    { comment: "no reason" },
  ]) {
    const response = await post(id!, data);
    expect(response.status(), JSON.stringify(data).slice(0, 60)).toBe(400);
    expect((await response.json()).message).toMatch(/^invalid request: (reason|comment)/);
  }
  const garbage = await request.post(`/api/questions/${id}/reports`, {
    data: "{not json",
    headers: { "content-type": "application/json" },
  });
  expect(garbage.status()).toBe(400);
  const huge = await post(id!, { reason: "other", padding: "x".repeat(20_000) });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).message).toMatch(/^request body is larger than \d+ bytes$/);

  const cookies = (await request.storageState()).cookies;
  expect(
    cookies.map((c) => c.name),
    "refused input creates no guest",
  ).not.toContain("pd_learner");

  expect((await post("no-such-question", { reason: "other" })).status()).toBe(404);
});
