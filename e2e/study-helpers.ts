import { expect, type Page } from "@playwright/test";

/** Reads "N new · N learning · N review" from the study toolbar. */
export async function readQueueCounts(page: Page) {
  const text = (await page.getByLabel("queue").textContent()) ?? "";
  const [newCount, learning, review] = (text.match(/\d+/g) ?? []).map(Number);
  return { new: newCount ?? 0, learning: learning ?? 0, review: review ?? 0 };
}

export async function currentPrompt(page: Page): Promise<string> {
  return (await page.locator("#study-prompt").textContent()) ?? "";
}

/**
 * Answers whatever card is shown, the way a learner would: by mouse, or by keyboard where the
 * card allows it. Waits until the next card (or the summary) replaces it.
 */
export async function answerCurrentCard(
  page: Page,
  via: "mouse" | "keyboard",
  rating: 1 | 2 | 3 | 4 = 3,
) {
  const prompt = page.locator("#study-prompt");
  await expect(prompt).toBeVisible();
  const before = await currentPrompt(page);
  const reveal = page.getByRole("button", { name: /Показать ответ|Show answer/ });
  const cloze = page.locator("#cloze-answer");
  const matching = page.locator(".matching select");
  const options = page.locator(".options .option");

  if (await reveal.isVisible()) {
    if (via === "keyboard") await page.keyboard.press("Space");
    else await reveal.click();
  } else if (await cloze.isVisible()) {
    await cloze.fill("ответ");
    await cloze.press("Enter");
  } else if ((await matching.count()) > 0) {
    for (const select of await matching.all()) await select.selectOption({ index: 1 });
    await page.getByRole("button", { name: /Проверить|Check/ }).click();
  } else {
    if (via === "keyboard") await page.keyboard.press("1");
    else await options.first().click();
  }

  const ratings = page.getByRole("group", { name: /Как хорошо|How well/ });
  await expect(ratings).toBeVisible();
  if (via === "keyboard") await page.keyboard.press(String(rating));
  else
    await ratings
      .getByRole("button")
      .nth(rating - 1)
      .click();
  await expect(ratings).toBeHidden();
  return before;
}
