import { learnerOf, newEmail, register, studyCards } from "./account-helpers";
import { expectNoAxeViolations } from "./axe";
import { expect, test } from "./fixtures";
import { seedReviewHistory } from "./fsrs-helpers";
import { countRows, readValue } from "./test-database";

// The learner studies both built-in decks: the library needs reviews of 40 cards or so.
const DECKS = ["containers-vs-pods.ru", "containers-vs-pods.en"];
const parametersOf = (learnerId: string) =>
  readValue<string | null>(
    `SELECT "fsrsParameters" AS value FROM "Learner" WHERE id = ?`,
    learnerId,
  );

test.describe("FSRS parameters fitted to the learner", () => {
  test("with months of reviews: start, see the progress, then the fit before and after", async ({
    page,
  }) => {
    const email = newEmail();
    await register(page, email);
    await studyCards(page, 1);
    const learnerId = learnerOf(email);
    const reviews = seedReviewHistory(learnerId, {
      deckIds: DECKS,
      seed: 7,
      cards: 40,
      days: 300,
      start: new Date(Date.now() - 300 * 86_400_000),
    });
    expect(reviews).toBeGreaterThan(400);

    await page.goto("/study/settings");
    await expect(page.getByRole("heading", { name: "Параметры FSRS под вас" })).toBeVisible();
    await expect(page.getByText("Сейчас действуют параметры по умолчанию.")).toBeVisible();
    await page.getByRole("button", { name: "Подобрать мои параметры" }).click();
    // Queued or running: the page shows how far it is, and polls until it is done.
    await expect(page.getByRole("progressbar", { name: "Ход подбора" })).toBeVisible();
    await expect(
      page.getByText(/лучше предсказывают ваши ответы и заменили прежние\.$/),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(`по вашим повторениям (${reviews + 1})`)).toBeVisible();
    const fit = page.getByRole("table", { name: "Точность на ваших повторениях (меньше — лучше)" });
    const before = Number(
      await fit
        .getByRole("row", { name: /Log loss/ })
        .locator("td")
        .first()
        .innerText(),
    );
    const after = Number(
      await fit
        .getByRole("row", { name: /Log loss/ })
        .locator("td")
        .last()
        .innerText(),
    );
    expect(after).toBeLessThan(before);
    await expectNoAxeViolations(page);
    expect(JSON.parse(parametersOf(learnerId) ?? "[]")).toHaveLength(21);

    await page.reload();
    await expect(
      page.getByText(/^Сейчас действуют параметры, подобранные по вашим повторениям .+\.$/),
    ).toBeVisible();
    await page.getByRole("button", { name: "Вернуть параметры по умолчанию" }).click();
    await expect(page.getByText("Снова действуют параметры по умолчанию.")).toBeVisible();
    await expect(page.getByText("Сейчас действуют параметры по умолчанию.")).toBeVisible();
    expect(parametersOf(learnerId)).toBeNull();
  });

  test("with a few reviews: the defaults stay, and the page says how many there are", async ({
    page,
  }) => {
    const email = newEmail();
    await register(page, email);
    await studyCards(page, 3);
    await page.goto("/study/settings");
    await page.getByRole("button", { name: "Подобрать мои параметры" }).click();
    await expect(
      page.getByText(
        /^Параметры не изменились: повторений у вас — 3, а для подбора нужно не меньше 400\./,
      ),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("Сейчас действуют параметры по умолчанию.")).toBeVisible();
    expect(parametersOf(learnerOf(email))).toBeNull();
    expect(
      countRows(
        `SELECT count(*) AS n FROM "FsrsOptimisation" WHERE "learnerId" = ? AND outcome = 'too-little-history'`,
        learnerOf(email),
      ),
    ).toBe(1);
  });
});
