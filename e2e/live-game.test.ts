import type { Page } from "@playwright/test";
import { newEmail, register } from "./account-helpers";
import { newVisitor } from "./class-helpers";
import { expect, test } from "./fixtures";
import { readValue, readValues } from "./test-database";

/*
 * A whole live game in one browser: the host's projector page and three phones (contexts of
 * their own, so each has its own player cookie). Questions last 5 s (the shortest allowed);
 * the first closes early because everyone answers, the second by its deadline.
 */

test.describe.configure({ timeout: 90_000 });

interface Question {
  options: { id: string }[];
  correctOptionId: string;
}

function questionOf(gameId: string, index: number): Question {
  const ids = JSON.parse(
    readValue<string>(`SELECT "questionIds" AS value FROM "LiveGame" WHERE id = ?`, gameId),
  ) as string[];
  return JSON.parse(
    readValue<string>(`SELECT payload AS value FROM "Question" WHERE id = ?`, ids[index]),
  ) as Question;
}

const rightIndex = (q: Question) => q.options.findIndex((o) => o.id === q.correctOptionId);
const wrongIndex = (q: Question) => q.options.findIndex((o) => o.id !== q.correctOptionId);

const scoreOf = (gameId: string, nickname: string) =>
  readValue<number>(
    `SELECT score AS value FROM "LivePlayer" WHERE "gameId" = ? AND nickname = ?`,
    gameId,
    nickname,
  );

const option = (page: Page, index: number) => page.locator(".live-answers button").nth(index);

test("a live game: join by PIN, answer, reload mid-question, late answer refused, podium, CSV", async ({
  page: host,
  browser,
  consoleErrors,
}) => {
  await register(host, newEmail());
  await host.emulateMedia({ reducedMotion: "reduce" });
  await host.goto("/live/new?deck=containers-vs-pods.ru");
  await host.getByLabel("Число вопросов").fill("2");
  await host.getByLabel("Секунд на вопрос").fill("5");
  await host.getByRole("button", { name: "Создать игру" }).click();
  await expect(host).toHaveURL(/\/live\/host\/[a-z0-9]+$/);
  const gameId = host.url().split("/").pop()!;
  const pin = (await host.locator(".live-pin").textContent())!.trim();
  expect(pin).toMatch(/^\d{6}$/);
  await expect(host.getByRole("img", { name: "QR-код ссылки для входа" })).toBeVisible();

  // Three phones: contexts of their own (each its own player cookie and address).
  const phones = await Promise.all([1, 2, 3].map(() => newVisitor(browser, consoleErrors)));
  try {
    const [ada, bo, cy] = phones as [Page, Page, Page];
    // Ada types the PIN (a wrong one first); Bo and Cy come by the QR code's link.
    await ada.goto("/live");
    await ada.getByLabel("PIN игры").fill("100000");
    await ada.getByRole("button", { name: "Войти" }).click();
    await expect(ada.getByText("Игры с таким PIN нет. Проверьте экран.")).toBeVisible();
    expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);
    await ada.getByLabel("PIN игры").fill(pin);
    await ada.getByRole("button", { name: "Войти" }).click();
    await expect(ada).toHaveURL(`/live/${pin}`);
    await ada.getByRole("textbox", { name: "Ник" }).fill("Ada");
    await ada.getByRole("button", { name: "Играть" }).click();
    await expect(ada.getByRole("heading", { name: /Вы в игре/ })).toBeVisible();

    await bo.goto(`/live/${pin}`);
    await bo.getByRole("button", { name: "Случайное имя" }).click();
    await expect(bo.getByRole("textbox", { name: "Ник" })).not.toHaveValue("");
    await bo.getByRole("textbox", { name: "Ник" }).fill("Bo");
    await bo.getByRole("button", { name: "Играть" }).click();
    // Cy plays signed in, so that after the game the questions can go to her reviews.
    const cyEmail = newEmail();
    await register(cy, cyEmail);
    await cy.goto(`/live/${pin}`);
    await cy.getByRole("textbox", { name: "Ник" }).fill("Cy");
    await cy.getByRole("button", { name: "Играть" }).click();
    await expect(cy.getByRole("heading", { name: /Вы в игре/ })).toBeVisible();

    await expect(host.getByRole("heading", { name: "Игроков: 3" })).toBeVisible();
    await expect(host.locator(".live-players li")).toHaveText([/Ada/, /Bo/, /Cy/]);
    // prefers-reduced-motion: the arrivals do not animate.
    expect(
      await host
        .locator(".live-players li")
        .first()
        .evaluate((li) => getComputedStyle(li).animationName),
    ).toBe("none");

    // Start by keyboard.
    await host.keyboard.press("Space");
    const q0 = questionOf(gameId, 0);
    for (const p of [ada, bo, cy])
      await expect(p.locator(".live-answers button")).toHaveCount(q0.options.length);
    await option(ada, rightIndex(q0)).click();
    await expect(ada.getByText("Ответ принят")).toBeVisible();
    await expect(host.getByText("Ответили: 1 из 3")).toBeVisible();
    await option(cy, rightIndex(q0)).click();
    await option(bo, wrongIndex(q0)).click();
    // Everyone answered: the question closes at once.
    await expect(host.getByRole("heading", { name: "Как ответил класс" })).toBeVisible();
    await expect(host.locator(".live-right")).toContainText("правильный ответ");
    await expect(ada.locator(".live-verdict")).toHaveText("Верно!");
    await expect(bo.locator(".live-verdict")).toHaveText("Неверно");
    await expect(ada.getByText("Серия: 1")).toBeVisible();
    const adaAfterOne = scoreOf(gameId, "Ada");
    expect(adaAfterOne).toBeGreaterThan(0);

    await host.keyboard.press("ArrowRight");
    await expect(host.getByRole("heading", { name: "Лучшие 5" })).toBeVisible();
    await host.getByRole("button", { name: "Дальше" }).click();
    const q1 = questionOf(gameId, 1);
    await expect(ada.getByText("Вопрос 2 из 2")).toBeVisible();

    // Ada reloads mid-question: same nickname, score and streak, the question still open.
    await ada.reload();
    await expect(ada.getByText("Вы — Ada")).toBeVisible();
    await expect(ada.getByText(`Счёт: ${adaAfterOne}`)).toBeVisible();
    await expect(ada.getByText("Вопрос 2 из 2")).toBeVisible();
    await option(ada, rightIndex(q1)).click();
    await expect(ada.getByText("Ответ принят")).toBeVisible();
    await option(cy, rightIndex(q1)).click();
    // Bo does not answer: the deadline closes the question (5 s); his answer after it is refused.
    await expect(ada.locator(".live-verdict")).toHaveText("Верно!", { timeout: 15_000 });
    await expect(ada.getByText("Серия: 2")).toBeVisible();
    const late = await bo.request.post(`/api/live/games/${gameId}/answers`, {
      data: { questionIndex: 1, choice: q1.correctOptionId },
    });
    expect(late.status()).toBe(409);
    expect((await late.json()).error).toBe("too_late");
    await expect(bo.locator(".live-verdict")).toHaveText("В этот раз без ответа");

    await host.keyboard.press("ArrowRight");
    await host.keyboard.press("ArrowRight");
    await expect(host.getByRole("heading", { name: "Пьедестал" })).toBeVisible();
    const ranking = readValues<string>(
      `SELECT nickname AS value FROM "LivePlayer" WHERE "gameId" = ? ORDER BY score DESC, nickname`,
      gameId,
    );
    expect(ranking[2]).toBe("Bo");
    await expect(host.locator(".live-podium .live-name")).toHaveText(ranking);
    await expect(ada.getByText(/Ваше место — 1 из 3/)).toBeVisible();
    // The game is over and its PIN freed; a reload at the podium still shows this phone's place.
    expect(
      readValue<string | null>(`SELECT pin AS value FROM "LiveGame" WHERE id = ?`, gameId),
    ).toBe(null);
    await ada.reload();
    await expect(ada.getByText(/Ваше место — 1 из 3/)).toBeVisible();
    expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);
    // Only a signed-in player is offered the reviews; Cy adds the two questions she answered,
    // once (the button goes; a reload offers it again and the server adds nothing more).
    await expect(ada.getByRole("button", { name: /в мои повторения/ })).toHaveCount(0);
    await cy.getByRole("button", { name: "Добавить эти вопросы в мои повторения" }).click();
    await expect(cy.getByText("Добавлено в повторения вопросов: 2.")).toBeVisible();
    const cyCards = () =>
      readValue<number>(
        `SELECT COUNT(*) AS value FROM "Card" c JOIN "Learner" l ON l.id = c."learnerId"
         JOIN "User" u ON u.id = l."userId" WHERE u.email = ?`,
        cyEmail,
      );
    expect(cyCards()).toBe(2);
    await cy.reload();
    await cy.getByRole("button", { name: "Добавить эти вопросы в мои повторения" }).click();
    await expect(cy.getByText("Эти вопросы уже в ваших повторениях.")).toBeVisible();
    expect(cyCards()).toBe(2);
    expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);

    await host.getByRole("link", { name: "Открыть отчёт" }).click();
    await expect(host.getByRole("heading", { name: "Отчёт о квизе" })).toBeVisible();
    const csv = await host.request.get(`/api/live/games/${gameId}/report`);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const rows = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    expect(rows.map((r) => [r[1], Number(r[2])])).toEqual(
      ranking.map((nickname) => [`"${nickname}"`, scoreOf(gameId, nickname)]),
    );
    expect(rows.map((r) => r.slice(5))).toEqual([
      ["1", "1"],
      ["1", "1"],
      ["0", ""],
    ]);
  } finally {
    await Promise.all(phones.map((p) => p.context().close()));
  }
});
