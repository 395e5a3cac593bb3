import { expect, type Page } from "@playwright/test";

export interface Asked {
  prompt: string;
  aspect: string;
  right: boolean;
}

/**
 * Answers the shown question by keyboard alone: a gap gets a wrong word, a self-graded card is
 * "known", an option question gets its first option. Returns what the feedback said.
 */
export async function answerByKeyboard(page: Page): Promise<Asked> {
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

export async function answerAll(page: Page, count: number): Promise<Asked[]> {
  const asked: Asked[] = [];
  for (let i = 0; i < count; i++) {
    await expect(page.getByTestId("practice-position")).toHaveText(`Вопрос ${i + 1} из ${count}`);
    asked.push(await answerByKeyboard(page));
  }
  await expect(page.getByRole("heading", { name: "Результат теста" })).toBeVisible();
  return asked;
}
