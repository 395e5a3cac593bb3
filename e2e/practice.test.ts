import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { countRows } from "./test-database";

interface Asked {
  prompt: string;
  aspect: string;
  right: boolean;
}

/**
 * Answers the shown question by keyboard alone: a gap gets a wrong word, a self-graded card is
 * "known", an option question gets its first option. Returns what the feedback said.
 */
async function answerByKeyboard(page: Page): Promise<Asked> {
  const prompt = (await page.locator("#practice-prompt").textContent()) ?? "";
  const aspect = (await page.getByTestId("practice-aspect").textContent()) ?? "";
  const cloze = page.locator("#cloze-answer");
  const reveal = page.getByRole("button", { name: "Показать ответ" });
  let right: boolean;
  if (await reveal.isVisible()) {
    await expect(reveal).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Знал(а)", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator(".verdict")).toHaveText(/Знал/);
    right = true;
  } else if (await cloze.isVisible()) {
    await cloze.pressSequentially("zzz");
    await cloze.press("Enter");
    await expect(page.locator(".verdict")).toHaveText(/Неверно/);
    right = false;
  } else {
    await page.keyboard.press("1");
    await expect(page.locator(".verdict")).toBeVisible();
    right = ((await page.locator(".verdict").textContent()) ?? "").includes("✓");
  }
  await expect(page.locator(".source-quote blockquote")).not.toBeEmpty();
  const next = page.getByRole("button", { name: /Следующий вопрос|Показать результат/ });
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");
  return { prompt, aspect, right };
}

async function answerAll(page: Page, count: number): Promise<Asked[]> {
  const asked: Asked[] = [];
  for (let i = 0; i < count; i++) {
    await expect(page.getByTestId("practice-position")).toHaveText(`Вопрос ${i + 1} из ${count}`);
    asked.push(await answerByKeyboard(page));
  }
  await expect(page.getByRole("heading", { name: "Результат теста" })).toBeVisible();
  return asked;
}

test("a 10-question practice test: the right score and breakdown, then retry exactly the missed", async ({
  page,
}) => {
  await page.goto("/practice");
  await expect(page.getByRole("heading", { level: 1, name: "Тест" })).toBeVisible();
  for (const kind of ["Пропуск", "Объясните", "Выбор ответа"]) {
    await page.getByRole("checkbox", { name: kind, exact: true }).check();
  }
  await page.getByLabel("Число вопросов (5–50)").fill("10");
  await page.getByText("Дополнительно").click();
  await page.getByLabel(/Зерно/).fill("2026");
  await page.getByRole("button", { name: "Начать тест" }).click();
  await expect(page).toHaveURL(/\/practice\/[^/]+$/);
  const firstUrl = page.url();

  const asked = await answerAll(page, 10);
  const missed = asked.filter((a) => !a.right);
  const right = asked.length - missed.length;
  expect(missed.length).toBeGreaterThan(0);
  expect(right).toBeGreaterThan(0);
  await expect(page.getByTestId("practice-score")).toHaveText(`${right} / 10`);
  await expect(page.getByTestId("practice-percent")).toHaveText(`${right * 10}%`);

  const expected = new Map<string, { earned: number; possible: number }>();
  for (const a of asked) {
    const row = expected.get(a.aspect) ?? { earned: 0, possible: 0 };
    row.possible += 1;
    row.earned += a.right ? 1 : 0;
    expected.set(a.aspect, row);
  }
  const rows = page.getByTestId("aspect-breakdown").locator("tbody tr");
  await expect(rows).toHaveCount(expected.size);
  for (const [aspect, { earned, possible }] of expected) {
    const row = rows.filter({ has: page.getByRole("rowheader", { name: aspect, exact: true }) });
    await expect(row.locator("td").first()).toHaveText(`${earned} / ${possible}`);
  }

  await page.getByRole("button", { name: `Повторить ошибки (${missed.length})` }).click();
  await expect(page).not.toHaveURL(firstUrl);
  const retried = await answerAll(page, missed.length);
  expect(retried.map((a) => a.prompt).sort()).toEqual(missed.map((a) => a.prompt).sort());

  await page.goto("/practice/history");
  const history = page.getByTestId("practice-history").locator("tbody tr");
  await expect(history).toHaveCount(2);
  await expect(history.filter({ hasText: "повтор ошибок" })).toHaveCount(1);
  await expect(history.filter({ hasText: `${right} / 10` })).toHaveCount(1);
  expect(countRows("SELECT count(*) AS n FROM PracticeAnswer")).toBeGreaterThanOrEqual(
    10 + missed.length,
  );
});

test("another learner's test is not found, and bad input is a 4xx", async ({ page, browser }) => {
  await page.goto("/practice");
  await page.getByRole("button", { name: "Начать тест" }).click();
  await expect(page).toHaveURL(/\/practice\/[^/]+$/);
  const attemptUrl = new URL(page.url()).pathname;

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const response = await other.goto(attemptUrl);
  expect(response?.status()).toBe(404);
  const answer = await other.request.post(
    `/api${attemptUrl.replace("/practice/", "/practice/attempts/")}/answers`,
    {
      data: {
        clientAnswerId: crypto.randomUUID(),
        questionId: "q",
        answer: { type: "reveal" },
        durationMs: 1,
      },
    },
  );
  expect(answer.status()).toBe(404);
  const malformed = await other.request.post("/api/practice/attempts", {
    data: "{not json",
    headers: { "content-type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  const tooMany = await other.request.post("/api/practice/attempts", {
    data: { clientId: crypto.randomUUID(), deckId: "containers-vs-pods.ru", count: 500 },
  });
  expect(tooMany.status()).toBe(400);
  await stranger.close();
});
