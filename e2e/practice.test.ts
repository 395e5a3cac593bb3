import { expect, test } from "./fixtures";
import { answerAll } from "./practice-helpers";
import { countRows } from "./test-database";

test("a 10-question practice test: the right score and breakdown, then retry exactly the missed", async ({
  page,
}) => {
  await page.goto("/practice");
  await expect(page.getByRole("heading", { level: 1, name: "Тест" })).toBeVisible();
  for (const kind of ["Пропуск", "Объясните", "Верно или нет"]) {
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
  expect(countRows(`SELECT count(*) AS n FROM "PracticeAnswer"`)).toBeGreaterThanOrEqual(
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
