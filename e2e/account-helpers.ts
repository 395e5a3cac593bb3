import { expect, type Page } from "@playwright/test";
import { answerCurrentCard } from "./study-helpers";
import { readValue } from "./test-database";

export const PASSWORD = "correct horse battery staple";

export function newEmail() {
  return `learner-${crypto.randomUUID()}@example.test`;
}

export async function register(page: Page, email: string, password = PASSWORD) {
  await page.goto("/register");
  await page.getByLabel("Почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  // Sign-up hashes the password with argon2id and signs in (a second hash check): on a loaded
  // 2-core machine that alone can pass the default 5 s.
  await expect(page).toHaveURL(/\/study/, { timeout: 15_000 });
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
}

export async function signOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page.getByRole("link", { name: "Войти" })).toBeVisible();
}

export async function studyCards(page: Page, n: number) {
  await page.goto("/study");
  for (let i = 0; i < n; i++) await answerCurrentCard(page, "mouse", 3);
}

export function learnerOf(email: string) {
  return readValue<string>(
    `SELECT l.id AS value FROM "Learner" l JOIN "User" u ON u.id = l."userId" WHERE u.email = ?`,
    email,
  );
}
