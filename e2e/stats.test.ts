import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { answerCurrentCard } from "./study-helpers";
import { countRows } from "./test-database";

const DECK = "containers-vs-pods.ru";

/** Answers `ratings.length` new cards on /study with those ratings. */
async function study(page: Page, ratings: (1 | 2 | 3 | 4)[]) {
  await page.goto("/study");
  await expect(page.locator("#study-prompt")).toBeVisible();
  for (const [i, rating] of ratings.entries()) {
    await answerCurrentCard(page, i % 2 === 0 ? "mouse" : "keyboard", rating);
  }
}

async function learnerIdOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "pd_learner");
  return decodeURIComponent(cookie?.value ?? "").split(".")[0] ?? "";
}

const figure = (page: Page, testId: string) => page.getByTestId(testId);

test.describe("statistics", () => {
  test("a new visitor is told that statistics come after the first answers", async ({ page }) => {
    await page.goto("/stats");
    await expect(page.getByRole("heading", { level: 1, name: "Статистика" })).toBeVisible();
    await expect(page.getByText("Здесь появится статистика")).toBeVisible();
    await page.getByRole("link", { name: "Начать занятия" }).click();
    await expect(page).toHaveURL(/\/study/);
  });

  test("after studying, /stats shows those answers: today, streak, calendar, cards, mastery", async ({
    page,
  }) => {
    // Good on a new card starts its learning steps; Easy sends it straight to review.
    await study(page, [3, 3, 3, 4, 4, 3]);
    const learnerId = await learnerIdOf(page);
    expect(
      countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId),
    ).toBe(6);

    await page.getByRole("navigation").getByRole("link", { name: "Статистика" }).click();
    await expect(page).toHaveURL(/\/stats$/);
    await expect(figure(page, "stats-reviews-today")).toHaveText("6");
    await expect(figure(page, "stats-total-reviews")).toHaveText("6");
    await expect(figure(page, "stats-streak")).toHaveText("1");
    await expect(figure(page, "stats-longest")).toHaveText("1");
    // The four cards in learning steps are due again within minutes; the Easy ones in days.
    await expect(figure(page, "stats-due-today")).toHaveText("4");

    // The calendar: exactly one day with answers, the last one, with all six.
    const active = page.locator('[data-testid="heatmap"] rect:not(.heat-0)');
    await expect(active).toHaveCount(1);
    await expect(active).toHaveAttribute("data-reviews", "6");
    await expect(active).toHaveClass(/heat-today/);
    // Its text alternative: the last month row of the table holds the six answers on one day.
    await page.locator("#stats-heatmap summary").click();
    const lastMonth = page.getByTestId("heatmap-table").locator("tbody tr").last();
    await expect(lastMonth.locator("td")).toHaveText(["6", "1"]);

    const inDeck = countRows(
      `SELECT count(*) AS n FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL`,
      DECK,
    );
    await expect(figure(page, "cards-learning")).toHaveText("4");
    await expect(figure(page, "cards-review")).toHaveText("2");
    await expect(figure(page, "cards-relearning")).toHaveText("0");
    await expect(figure(page, "cards-suspended")).toHaveText("0");
    await expect(figure(page, "cards-new")).toHaveText(String(inDeck - 6));

    // No card was in the review state when answered: retention has nothing to measure yet.
    await expect(
      page.getByTestId("retention-table").locator("tbody tr").first().locator("td"),
    ).toHaveText(["—", "—", "—"]);

    // Mastery per aspect adds up to the six answers, all recalled.
    const mastery = page.getByTestId(`mastery-${DECK}`);
    await mastery.locator("summary").first().click();
    const rows = page.getByTestId(`mastery-aspects-${DECK}`).locator("tbody tr");
    let answers = 0;
    let recalled = 0;
    for (const row of await rows.all()) {
      const [total, ok] = await row.locator("td").allTextContents();
      answers += Number(total);
      recalled += Number(ok);
    }
    expect(answers).toBe(6);
    expect(recalled).toBe(6);

    // Every chart is drawn (recharts renders its SVG once it knows its width): forecast, card
    // states, aspects and concepts of the one deck studied, intervals, difficulty.
    await expect(page.locator(".stats-chart")).toHaveCount(6);
    await expect(page.locator(".stats-chart svg.recharts-surface")).toHaveCount(6);
  });

  test("the weakest aspect's link opens a study session about that aspect only", async ({
    page,
  }) => {
    // Again on every card: each aspect studied is at 0%, the weakest is the first of them.
    await study(page, [1, 1, 1]);
    await page.goto("/stats");
    const link = page.getByTestId(`mastery-${DECK}`).getByRole("link", { name: /^Учить аспект/ });
    const aspect = ((await link.textContent()) ?? "").match(/«(.+)»/)?.[1] ?? "";
    expect(aspect).not.toBe("");
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/study\\?deck=${DECK.replace(".", "\\.")}&aspect=`));
    await expect(page.getByTestId("aspect-filter")).toContainText(aspect);
    await expect(page.locator("#study-prompt")).toBeVisible();

    // The card shown is about that aspect: the server chose it from the filtered queue.
    const key = new URL(page.url()).searchParams.get("aspect");
    const before = countRows(
      `SELECT count(*) AS n FROM "ReviewLog" r JOIN "Question" q ON q.id = r."questionId" WHERE r."learnerId" = ? AND q.aspect = ?`,
      await learnerIdOf(page),
      key,
    );
    await answerCurrentCard(page, "mouse", 3);
    await expect
      .poll(() =>
        learnerIdOf(page).then((id) =>
          countRows(
            `SELECT count(*) AS n FROM "ReviewLog" r JOIN "Question" q ON q.id = r."questionId" WHERE r."learnerId" = ? AND q.aspect = ?`,
            id,
            key,
          ),
        ),
      )
      .toBe(before + 1);
  });
});

test.describe("home page", () => {
  test("a new visitor sees what PodDeck is and starts without an account", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Контейнер или под?" })).toBeVisible();
    await expect(page.getByText("Аккаунт не нужен")).toBeVisible();
    await expect(page.getByTestId("home-due-today")).toHaveCount(0);
    await page.getByRole("button", { name: /EN/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Container or pod?" })).toBeVisible();
    await expect(page.getByText("No account needed")).toBeVisible();
    await page.getByRole("link", { name: "Start without an account" }).click();
    await expect(page).toHaveURL(/\/study/);
  });

  test("a returning learner sees today's due count and streak, and continues", async ({ page }) => {
    await study(page, [3, 3, 4]);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "С возвращением!" })).toBeVisible();
    await expect(page.getByTestId("home-reviews-today")).toHaveText("3");
    await expect(page.getByTestId("home-streak")).toHaveText("1");
    // The two cards in learning steps are due again today.
    await expect(page.getByTestId("home-due-today")).toHaveText("2");
    await expect(page.getByTestId("home-new-today")).toHaveText("17");
    await page.getByRole("link", { name: "Продолжить занятия" }).click();
    await expect(page).toHaveURL(/\/study$/);
    await expect(page.locator("#study-prompt")).toBeVisible();
  });
});
