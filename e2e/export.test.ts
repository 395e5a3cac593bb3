import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "./fixtures";
import { answerCurrentCard } from "./study-helpers";

test("a guest exports a deck from its page: the Anki package with progress, and Anki text", async ({
  page,
}, testInfo) => {
  // Progress first, as a guest: one answered card.
  await page.goto("/study?deck=containers-vs-pods.ru");
  await answerCurrentCard(page, "mouse");

  await page.goto("/decks/containers-vs-pods.ru");
  await page.getByRole("link", { name: "Экспорт" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Экспорт: /);
  for (const format of ["Пакет Anki (.apkg)", "Текст для Anki (.txt)", "Таблица CSV"]) {
    await expect(page.getByRole("heading", { level: 2, name: format })).toBeVisible();
  }

  await page.getByLabel(/С моим прогрессом/).check();
  const [apkg] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /Скачать · Пакет Anki/ }).click(),
  ]);
  expect(apkg.suggestedFilename()).toBe("containers-vs-pods.ru.apkg");
  const file = testInfo.outputPath("deck.apkg");
  await apkg.saveAs(file);
  // Read back with Python's zipfile + sqlite3: the guest's answer is in revlog.
  const pkg = JSON.parse(
    execFileSync("python3", ["tests/integration/export/read_apkg.py", file], { encoding: "utf8" }),
  ) as { notes: unknown[]; cards: { reps: number }[]; revlog: unknown[] };
  expect(pkg.notes.length).toBeGreaterThan(10);
  expect(pkg.revlog).toHaveLength(1);
  expect(pkg.cards.filter((c) => c.reps > 0)).toHaveLength(1);

  const [text] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Скачать · Текст для Anki/ }).click(),
  ]);
  expect(text.suggestedFilename()).toBe("containers-vs-pods.ru.anki.txt");
  const body = fs.readFileSync(await text.path(), "utf8");
  expect(body.split("\n").slice(0, 2)).toEqual(["#separator:tab", "#html:true"]);
  expect(body).toContain("\tКонтейнер vs Под\t");
});
