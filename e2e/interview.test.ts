import { expect, test } from "./fixtures";

test("a 3-question mock interview: the report names the aspects whose points were not ticked", async ({
  page,
}) => {
  await page.goto("/interview");
  await expect(page.getByLabel("Число вопросов (1–20)")).toHaveValue("8");
  await expect(page.getByLabel("Секунд на вопрос (10–600)")).toHaveValue("90");
  await page.getByLabel("Число вопросов (1–20)").fill("3");
  await page.getByRole("button", { name: "Начать собеседование" }).click();
  await expect(page).toHaveURL(/\/interview\/[^/]+$/);

  const aspects: string[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId("interview-position")).toHaveText(`Вопрос ${i + 1} из 3`);
    aspects.push((await page.getByTestId("interview-aspect").textContent()) ?? "");
    const timer = page.getByRole("timer");
    await expect(timer).toHaveText(/^1:[0-2]\d$/);
    if (i === 0) {
      // A reload does not give the clock back: the deadline lives on the server.
      await page.reload();
      await expect(page.getByRole("timer")).toHaveText(/^1:[0-2]\d$/);
    }
    const answer = page.getByLabel("Ваш ответ");
    await expect(answer).toBeFocused();
    await answer.pressSequentially("Под — группа контейнеров с общей сетью.");
    await page.keyboard.press("Control+Enter");

    await expect(page.getByRole("heading", { name: "Эталонный ответ" })).toBeVisible();
    const points = page.getByRole("group", { name: "Отметьте пункты, которые вы назвали" });
    const boxes = points.getByRole("checkbox");
    expect(await boxes.count()).toBeGreaterThan(0);
    if (i === 0) {
      // Tick every point by keyboard: Space on each box, Tab to the next.
      const n = await boxes.count();
      for (let b = 0; b < n; b++) {
        await expect(boxes.nth(b)).toBeFocused();
        await page.keyboard.press("Space");
        await page.keyboard.press("Tab");
      }
      await expect(boxes.first()).toBeChecked();
    }
    await page.getByRole("button", { name: i === 2 ? /Закончить/ : "Следующий вопрос" }).click();
  }

  await expect(page.getByRole("heading", { name: "Отчёт о собеседовании" })).toBeVisible();
  const weak = page.getByTestId("weak-aspects");
  for (const aspect of [aspects[1]!, aspects[2]!]) {
    await expect(weak.locator(".aspect-name", { hasText: aspect })).toHaveCount(1);
    await expect(weak.getByRole("link", { name: `Учить: ${aspect}` })).toHaveAttribute(
      "href",
      /\/study\?deck=containers-vs-pods\.ru&aspect=/,
    );
  }
  if (!aspects.slice(1).includes(aspects[0]!)) {
    await expect(page.getByTestId("strong-aspects")).toContainText(aspects[0]!);
    await expect(weak).not.toContainText(aspects[0]!);
  }
  await expect(page.getByText("Пропущенные пункты поставлены")).toBeVisible();

  // A weak aspect's link opens study narrowed to that aspect (the list is ordered by how weak
  // each is, not by question: the first link was another aspect's in some runs).
  await weak.getByRole("link", { name: `Учить: ${aspects[1]}` }).click();
  await expect(page.getByTestId("aspect-filter")).toContainText(aspects[1]!);
  await expect(page.locator("#study-prompt")).toBeVisible();

  await page.goto("/interview/history");
  await expect(page.getByTestId("interview-history").locator("tbody tr")).toHaveCount(1);
});

test("when the countdown runs out the question closes", async ({ page }) => {
  await page.goto("/interview");
  await page.getByLabel("Число вопросов (1–20)").fill("1");
  await page.getByLabel("Секунд на вопрос (10–600)").fill("10");
  await page.getByRole("button", { name: "Начать собеседование" }).click();
  await page.getByLabel("Ваш ответ").fill("не успел");
  await expect(page.getByText("Время вышло: вопрос закрыт.")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(".answer-text")).toHaveText("не успел");
  await page.getByRole("button", { name: /Закончить/ }).click();
  await expect(page.getByTestId("interview-score")).toHaveText(/^0 \/ \d+$/);
});
