import type { Browser, Page } from "@playwright/test";
import { PASSWORD, newEmail } from "./account-helpers";
import { expect } from "./fixtures";

/**
 * Wrong join codes are limited per client address, which the app reads from X-Forwarded-For.
 * Every context these tests open gets an address of its own, so one test's wrong codes never
 * use up another's (tests without the header all count as "local").
 */
export async function newVisitor(browser: Browser, consoleErrors: string[]): Promise<Page> {
  // The app keys the limit on the header's first entry as it is; a unique one is enough here.
  const address = `e2e-${crypto.randomUUID()}`;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  // Like the fixture's own page: the test fails on errors it did not expect.
  page.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error")
      consoleErrors.push(`console.error: ${message.text()} at ${message.location().url}`);
  });
  return page;
}

/** A well-formed join code, random: no class has it (31^8 codes). */
export function randomJoinCode(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)];
  return Array.from({ length: 8 }, pick)
    .join("")
    .replace(/^(.{4})/, "$1-");
}

/** Registers with a name (the roster and the join page show it). */
export async function registerNamed(page: Page, name: string, email = newEmail()) {
  await page.goto("/register");
  await page.getByLabel("Почта").fill(email);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByLabel("Имя (необязательно)").fill(name);
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  // Hashing the password (argon2) takes a while on a busy machine.
  await expect(page).toHaveURL(/\/study/, { timeout: 30_000 });
  return email;
}

export async function becomeTeacher(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Стать преподавателем" }).click();
  await expect(page.getByRole("link", { name: "Мои классы →" })).toBeVisible();
}

export interface CreatedClass {
  classId: string;
  /** As shown: "K7QD-M3XR". */
  code: string;
  /** The join link's path: "/join/K7QD-M3XR". */
  link: string;
}

/** Creates a class from /classes and lands on its page. */
export async function createClass(
  page: Page,
  name: string,
  description = "",
): Promise<CreatedClass> {
  await page.goto("/classes");
  await page.getByLabel("Название").fill(name);
  if (description) await page.getByLabel("Описание (необязательно)").fill(description);
  await page.getByRole("button", { name: "Создать класс" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return readJoinCode(page);
}

/** The class page's id, code and link as the teacher sees them now. */
export async function readJoinCode(page: Page): Promise<CreatedClass> {
  const classId = new URL(page.url()).pathname.split("/").pop()!;
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  const link = (await page.getByTestId("join-link").getAttribute("href"))!;
  return { classId, code, link };
}

/** Opens a join link, checks the class it names and joins (a guest gives `name`). */
export async function joinByLink(page: Page, link: string, className: string, name?: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 2, name: className })).toBeVisible();
  if (name !== undefined) await page.getByLabel(/Ваше имя|Имя в классе/).fill(name);
  await page.getByRole("button", { name: "Вступить" }).click();
  await expect(page).toHaveURL(/\/classes\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: className })).toBeVisible();
}
