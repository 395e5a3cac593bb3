import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import { newEmail, register } from "./account-helpers";
import { fillAssignmentForm } from "./assignment-helpers";
import { expectNoAxeViolations } from "./axe";
import { becomeTeacher, createClass } from "./class-helpers";
import { test } from "./fixtures";
import { answerByKeyboard } from "./practice-helpers";
import { answerCurrentCard } from "./study-helpers";

/*
 * Every page of the app, checked with axe in light and dark mode by a11y.test.ts (desktop) and
 * a11y.phone.test.ts (phone). A new page adds a row: a path when loading it shows all there is,
 * or a visit that brings it into each state worth checking and checks each.
 */

type A11yRow = { path: string } | { name: string; visit: (page: Page) => Promise<void> };

/** Loads a page, opens its closed <details> so their content is checked too, and checks it. */
async function checkPath(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await openAllDetails(page);
  await expectNoAxeViolations(page);
}

async function openAllDetails(page: Page) {
  await page
    .locator("details:not([open]) > summary")
    .evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
}

const A11Y_PAGES: A11yRow[] = [
  { path: "/" },
  { path: "/decks" },
  { path: "/decks/containers-vs-pods.ru" },
  { path: "/decks/containers-vs-pods.en" },
  { path: "/decks/containers-vs-pods.ru/export" },
  { path: "/study/settings" },
  { path: "/stats" },
  { path: "/login" },
  { path: "/register" },
  {
    name: "/register with field errors",
    visit: async (page) => {
      await page.goto("/register");
      await page.getByLabel("Почта").fill("not-an-email");
      await page.getByRole("button", { name: "Создать аккаунт" }).click();
      await expect(page.getByLabel("Почта")).toHaveAttribute("aria-invalid", "true");
      await expectNoAxeViolations(page);
    },
  },
  {
    name: "/study: a flashcard, its ratings, an auto-graded card and its feedback, the help",
    visit: async (page) => {
      await page.goto("/study");
      const reveal = page.getByRole("button", { name: "Показать ответ" });
      await expect(reveal).toBeVisible();
      await expectNoAxeViolations(page);
      await reveal.click();
      await expect(page.getByRole("group", { name: "Как хорошо вы помнили?" })).toBeVisible();
      await expectNoAxeViolations(page);
      // Rate flashcards until an auto-graded card comes; answer it and look at the feedback.
      const answerable = page.locator(
        ".study-card .options .option, #cloze-answer, .matching select, .study-card .button.primary",
      );
      await page.keyboard.press("3");
      await answerable.first().waitFor();
      for (let i = 0; i < 8 && (await reveal.isVisible()); i++) {
        await answerCurrentCard(page, "mouse", 3);
        await answerable.first().waitFor();
      }
      await expect(reveal).toBeHidden();
      await expectNoAxeViolations(page);
      await answerAutoGradedCard(page);
      await expect(page.locator(".rating.proposed")).toHaveCount(1);
      await expectNoAxeViolations(page);
      await page.keyboard.press("?");
      await expect(page.getByRole("list", { name: "Горячие клавиши" })).toBeVisible();
      await expectNoAxeViolations(page);
    },
  },
  {
    name: "/practice: setup, a question, its feedback, the result, the history",
    visit: async (page) => {
      await page.goto("/practice");
      await expectNoAxeViolations(page);
      await page.getByRole("checkbox", { name: "Верно или нет", exact: true }).check();
      await page.getByLabel("Число вопросов (5–50)").fill("5");
      await page.getByRole("button", { name: "Начать тест" }).click();
      await expect(page.getByTestId("practice-position")).toHaveText("Вопрос 1 из 5");
      await expectNoAxeViolations(page);
      await page.keyboard.press("1");
      await expect(page.locator(".verdict")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.keyboard.press("Enter");
      for (let i = 1; i < 5; i++) await answerByKeyboard(page);
      await expect(page.getByRole("heading", { name: "Результат теста" })).toBeVisible();
      await expectNoAxeViolations(page);
      await checkPath(page, "/practice/history");
    },
  },
  {
    name: "/interview: setup, a question, the model answer, the report, the history",
    visit: async (page) => {
      await page.goto("/interview");
      await expectNoAxeViolations(page);
      await page.getByLabel("Число вопросов (1–20)").fill("1");
      await page.getByRole("button", { name: "Начать собеседование" }).click();
      await expect(page.getByRole("timer")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByLabel("Ваш ответ").fill("Под — группа контейнеров с общей сетью.");
      await page.keyboard.press("Control+Enter");
      await expect(page.getByRole("heading", { name: "Эталонный ответ" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page
        .getByRole("group", { name: "Отметьте пункты, которые вы назвали" })
        .getByRole("checkbox")
        .first()
        .check();
      await page.getByRole("button", { name: /Закончить/ }).click();
      await expect(page.getByRole("heading", { name: "Отчёт о собеседовании" })).toBeVisible();
      await expectNoAxeViolations(page);
      await checkPath(page, "/interview/history");
    },
  },
  {
    name: "/stats and / after some answers",
    visit: async (page) => {
      await page.goto("/study");
      for (const rating of [3, 1, 4] as const) await answerCurrentCard(page, "mouse", rating);
      await page.goto("/stats");
      // The charts load after the page; wait for all six of one deck to be drawn.
      await expect(page.locator(".stats-chart svg.recharts-surface")).toHaveCount(6);
      await openAllDetails(page);
      await expectNoAxeViolations(page);
      await checkPath(page, "/");
    },
  },
  {
    name: "/decks/new: a document's problems, its preview; the saved deck's page and edit page",
    visit: async (page) => {
      await register(page, newEmail());
      await checkPath(page, "/decks/new");
      await page.getByLabel("Документ (markdown)").fill("# Только заголовок\n\nИ ничего больше.\n");
      await page.getByRole("button", { name: "Показать, что получится" }).click();
      await expect(page.getByTestId("document-problems")).toBeVisible();
      await expectNoAxeViolations(page);
      await page
        .getByLabel("Документ (markdown)")
        .fill(fs.readFileSync("data/sources/containers-vs-pods.ru.md", "utf8"));
      await page.getByRole("button", { name: "Показать, что получится" }).click();
      await expect(page.getByTestId("deck-preview")).toBeVisible();
      await openAllDetails(page);
      await expectNoAxeViolations(page);
      // Saved: the author's deck page with its sharing form, then its edit page.
      await page.getByRole("button", { name: "Сохранить колоду" }).click();
      await expect(page).toHaveURL(/\/decks\/own-/);
      await page.getByRole("radio", { name: "Ученики выбранных классов" }).check();
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "Редактировать документ" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Редактирование");
      await expectNoAxeViolations(page);
    },
  },
  { path: "/classes" },
  { path: "/join" },
  {
    name: "classes: a teacher's list, form errors, the class page and a dialog; joining; a student's views",
    visit: async (page) => {
      await register(page, newEmail());
      await becomeTeacher(page);
      await checkPath(page, "/classes");
      await page.getByRole("button", { name: "Создать класс" }).click();
      await expect(page.getByLabel("Название")).toHaveAttribute("aria-invalid", "true");
      await expectNoAxeViolations(page);
      const { classId, link } = await createClass(page, "Доступный класс", "Описание класса");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "Удалить класс" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await checkPath(page, "/classes");

      // A guest in a browser of their own: the join page's states, then a student's views.
      const guestContext = await page
        .context()
        .browser()!
        .newContext({ viewport: page.viewportSize() });
      const guest = await guestContext.newPage();
      try {
        await guest.goto("/join");
        await guest.getByLabel("Код класса").fill("K7QD-M3X0");
        await guest.getByRole("button", { name: "Найти класс" }).click();
        await expect(guest.getByRole("main").getByRole("alert")).toContainText("8 знаков");
        await expectNoAxeViolations(guest);
        await guest.goto(link);
        await expect(guest.getByRole("button", { name: "Вступить" })).toBeVisible();
        await expectNoAxeViolations(guest);
        await guest.getByLabel("Ваше имя — его увидит преподаватель").fill("Гость");
        await guest.getByRole("button", { name: "Вступить" }).click();
        await expect(guest).toHaveURL(new RegExp(`/classes/${classId}$`));
        await checkPath(guest, `/classes/${classId}`);
        await checkPath(guest, "/classes");
      } finally {
        await guestContext.close();
      }

      await checkPath(page, `/classes/${classId}`);
      await expect(page.locator(".roster-table")).toContainText("Гость");
    },
  },
  {
    name: "assignments: the form and its errors, the teacher's list, the edit page and its dialog; a student's lists, an assignment's study session, the home page",
    visit: async (page) => {
      await register(page, newEmail());
      await becomeTeacher(page);
      const { classId, link } = await createClass(page, "Класс с заданиями");
      await page.getByRole("link", { name: "Новое задание" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Новое задание" })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole("radio", { name: /^Тест/ }).check();
      await page.getByRole("button", { name: "Создать задание" }).click();
      await expect(page.getByLabel("Название")).toHaveAttribute("aria-invalid", "true");
      await expectNoAxeViolations(page);
      await fillAssignmentForm(page, { title: "Выучить сеть", type: "Выучить", count: "" });
      await page.getByRole("button", { name: "Создать задание" }).click();
      await expect(page.getByTestId("teacher-assignment")).toHaveCount(1);
      await checkPath(page, `/classes/${classId}`);
      await page.getByRole("link", { name: "Изменить: Выучить сеть" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Изменить задание" })).toBeVisible();
      await checkPath(page, page.url());
      await page.getByRole("button", { name: "Удалить задание" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoAxeViolations(page);

      const guestContext = await page
        .context()
        .browser()!
        .newContext({ viewport: page.viewportSize() });
      const guest = await guestContext.newPage();
      try {
        await guest.goto(link);
        await guest.getByLabel("Ваше имя — его увидит преподаватель").fill("Гость");
        await guest.getByRole("button", { name: "Вступить" }).click();
        await expect(guest).toHaveURL(new RegExp(`/classes/${classId}$`));
        await expect(guest.getByRole("progressbar")).toHaveCount(1);
        await checkPath(guest, `/classes/${classId}`);
        await checkPath(guest, "/classes");
        await guest.getByRole("link", { name: "Учить: Выучить сеть" }).click();
        await expect(guest.locator("#study-prompt")).toBeVisible();
        await expect(guest.getByTestId("assignment-goal")).toBeVisible();
        await expectNoAxeViolations(guest);
        await checkPath(guest, "/");
        await expect(guest.getByRole("region", { name: "Задания" })).toBeVisible();
      } finally {
        await guestContext.close();
      }
    },
  },
  {
    name: "the teacher's dashboard with a student's work: roster, progress table sorted, who is behind, mastery grid",
    visit: async (page) => {
      await register(page, newEmail());
      await becomeTeacher(page);
      const { classId, link } = await createClass(page, "Класс со сводкой");
      await page.getByRole("link", { name: "Новое задание" }).click();
      await fillAssignmentForm(page, { title: "Выучить сеть", type: "Выучить", count: "" });
      await page.getByRole("button", { name: "Создать задание" }).click();
      await expect(page.getByTestId("teacher-assignment")).toHaveCount(1);

      const guestContext = await page
        .context()
        .browser()!
        .newContext({ viewport: page.viewportSize() });
      const guest = await guestContext.newPage();
      try {
        await guest.goto(link);
        await guest.getByLabel("Ваше имя — его увидит преподаватель").fill("Гость");
        await guest.getByRole("button", { name: "Вступить" }).click();
        await guest.getByRole("link", { name: "Учить: Выучить сеть" }).click();
        await answerCurrentCard(guest, "mouse", 3);
        await answerCurrentCard(guest, "mouse", 1);
      } finally {
        await guestContext.close();
      }

      await checkPath(page, `/classes/${classId}`);
      // Cells with answers (a band and its number), not only empty ones.
      await expect(page.getByTestId("mastery-grid")).toContainText(/% \(\d из \d\) · /);
      await page.getByRole("button", { name: /^Выполнено, %/ }).click();
      await expect(page.getByRole("columnheader", { name: /^Выполнено, %/ })).toHaveAttribute(
        "aria-sort",
        "ascending",
      );
      await expectNoAxeViolations(page);
    },
  },
  {
    name: "/account, signed in",
    visit: async (page) => {
      await register(page, newEmail());
      await checkPath(page, "/account");
    },
  },
  {
    name: "live quiz: the form; the host's lobby, question, histogram, top 5, podium, report; a phone's PIN, nickname, lobby, question, result, podium",
    visit: async (page) => {
      await register(page, newEmail());
      await page.goto("/live/new");
      await expectNoAxeViolations(page);
      const created = await page.request.post("/api/live/games", {
        data: { deckId: "containers-vs-pods.ru", questionCount: 1, secondsPerQuestion: 60 },
      });
      const { gameId, pin } = (await created.json()) as { gameId: string; pin: string };
      const host = (command: string) =>
        page.request.post(`/api/live/games/${gameId}/host`, { data: { command } });
      const phoneContext = await page
        .context()
        .browser()!
        .newContext({
          extraHTTPHeaders: { "x-forwarded-for": `e2e-${crypto.randomUUID()}` },
        });
      try {
        const phone = await phoneContext.newPage();
        await phone.goto("/live");
        await expectNoAxeViolations(phone);
        await phone.goto(`/live/${pin}`);
        await phone.getByRole("button", { name: "Случайное имя" }).click();
        await expectNoAxeViolations(phone);
        await phone.getByRole("button", { name: "Играть" }).click();
        await expect(phone.getByRole("heading", { name: /Вы в игре/ })).toBeVisible();
        await expectNoAxeViolations(phone);
        await page.goto(`/live/host/${gameId}`);
        await expect(page.getByRole("heading", { name: "Игроков: 1" })).toBeVisible();
        await expectNoAxeViolations(page);
        expect((await host("start")).status()).toBe(200);
        await expect(page.getByText("Ответили: 0 из 1")).toBeVisible();
        await expectNoAxeViolations(page);
        await expect(phone.locator(".live-answers button").first()).toBeEnabled();
        await expectNoAxeViolations(phone);
        await phone.locator(".live-answers button").first().click();
        await expect(phone.locator(".live-verdict")).toBeVisible();
        await expectNoAxeViolations(phone);
        await expect(page.getByRole("heading", { name: "Как ответил класс" })).toBeVisible();
        await expectNoAxeViolations(page);
        await host("next");
        await expect(page.getByRole("heading", { name: "Лучшие 5" })).toBeVisible();
        await expectNoAxeViolations(page);
        await host("next");
        await expect(page.getByRole("heading", { name: "Пьедестал" })).toBeVisible();
        await expectNoAxeViolations(page);
        await expect(phone.getByRole("heading", { name: "Пьедестал" })).toBeVisible();
        await expectNoAxeViolations(phone);
        await page.getByRole("link", { name: "Открыть отчёт" }).click();
        await expect(page.getByRole("heading", { name: "Отчёт о квизе" })).toBeVisible();
        await expectNoAxeViolations(page);
      } finally {
        await phoneContext.close();
      }
    },
  },
];

/** Answers the auto-graded card shown, with whatever input its kind has. */
async function answerAutoGradedCard(page: Page) {
  const cloze = page.locator("#cloze-answer");
  const matching = page.locator(".matching select");
  if (await cloze.isVisible()) {
    await cloze.fill("ответ");
    await cloze.press("Enter");
  } else if ((await matching.count()) > 0) {
    for (const select of await matching.all()) await select.selectOption({ index: 1 });
    await page.getByRole("button", { name: "Проверить" }).click();
  } else {
    await page.locator(".options .option").first().click();
  }
}

/** One test per row of A11Y_PAGES, in the project (desktop or phone) of the calling file. */
export function testEveryPage() {
  // A visit checks several states, each twice (light and dark).
  test.describe.configure({ timeout: 120_000 });
  for (const row of A11Y_PAGES) {
    const name = "path" in row ? row.path : row.name;
    test(`${name} has no accessibility violations`, async ({ page }) => {
      if ("path" in row) await checkPath(page, row.path);
      else await row.visit(page);
    });
  }
}
