import {
  PASSWORD,
  learnerOf,
  newEmail,
  register,
  signIn,
  signOut,
  studyCards,
} from "./account-helpers";
import { expect, test } from "./fixtures";
import { countRows, freshNewCards, readValue } from "./test-database";

test("sign up, study, sign out, sign in: the progress is still there", async ({ page }) => {
  const email = newEmail();
  await register(page, email);
  await expect(page).toHaveURL(/\/study/);
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  await studyCards(page, 3);
  await signOut(page);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/study/);
  await expect(page.locator("#study-prompt")).toBeVisible();
  await expect(page.getByLabel("queue")).toContainText(
    `${freshNewCards("containers-vs-pods.ru") - 3} новые`,
  );
  expect(
    countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerOf(email)),
  ).toBe(3);
  expect(
    readValue<string>(`SELECT "passwordHash" AS value FROM "User" WHERE email = ?`, email),
  ).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test("a guest who studied 5 cards and registers keeps the 5 reviews", async ({ page }) => {
  await studyCards(page, 5);
  const email = newEmail();
  await register(page, email);
  await expect(page).toHaveURL(/\/study/);
  expect(
    countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerOf(email)),
  ).toBe(5);
  expect(
    countRows(`SELECT count(*) AS n FROM "Card" WHERE "learnerId" = ?`, learnerOf(email)),
  ).toBe(5);
  await expect(page.getByLabel("queue")).toContainText(
    `${freshNewCards("containers-vs-pods.ru") - 5} новые`,
  );
});

test("a guest who signs in to an existing account brings their progress along", async ({
  page,
  browser,
}) => {
  const email = newEmail();
  const other = await browser.newPage();
  await register(other, email);
  await expect(other).toHaveURL(/\/study/);
  await studyCards(other, 2);
  await other.close();

  await studyCards(page, 3);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/study/);
  expect(
    countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerOf(email)),
  ).toBe(5);
  expect(
    countRows(
      `SELECT count(*) AS n FROM "Learner" WHERE "userId" IS NULL AND id NOT IN (SELECT "learnerId" FROM "Card")`,
    ),
  ).toBeGreaterThanOrEqual(0);
});

test("a wrong password gets one message that does not say which part was wrong", async ({
  page,
}) => {
  const email = newEmail();
  await register(page, email);
  await signOut(page);
  await signIn(page, email, "not the password at all");
  await expect(
    page.getByRole("status").filter({ hasText: "Неверная почта или пароль." }),
  ).toBeVisible();
  await signIn(page, newEmail(), "not the password at all");
  await expect(
    page.getByRole("status").filter({ hasText: "Неверная почта или пароль." }),
  ).toBeVisible();
});

test("forms explain bad input before and after the round trip", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Почта").fill("not-an-email");
  await page.getByLabel("Пароль").fill("short");
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(page.getByLabel("Почта")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Введите корректный адрес почты.")).toBeVisible();
  await expect(page.getByText("Пароль — не короче 8 символов.")).toBeVisible();

  await page.getByLabel("Почта").fill(newEmail());
  await page.getByLabel("Пароль").fill("password123");
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(
    page.getByText("Это один из самых распространённых паролей. Выберите другой."),
  ).toBeVisible();
});

test("five failed sign-ins lock the account for a while (429 with Retry-After)", async ({
  page,
}) => {
  const email = newEmail();
  await register(page, email);
  await signOut(page);
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong password ${i}`);
    await expect(
      page.getByRole("status").filter({ hasText: "Неверная почта или пароль." }),
    ).toBeVisible();
  }
  await signIn(page, email);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /Слишком много неудачных попыток. Попробуйте через 1[45] мин./ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  const direct = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password: PASSWORD },
    maxRedirects: 0,
  });
  expect(direct.status()).toBe(429);
  expect(Number(direct.headers()["retry-after"])).toBeGreaterThan(800);
});

test("changing the password ends the session; the new password works", async ({
  page,
  context,
}) => {
  const email = newEmail();
  await register(page, email);
  await expect(page).toHaveURL(/\/study/);
  const stolen = (await context.cookies()).filter((c) => c.name.includes("authjs.session-token"));
  expect(stolen).toHaveLength(1);
  expect(stolen[0]?.httpOnly).toBe(true);
  expect(stolen[0]?.sameSite).toBe("Lax");

  await page.goto("/account");
  await page.getByLabel("Текущий пароль").fill(PASSWORD);
  await page.getByLabel("Новый пароль").fill("a brand new long passphrase");
  await page.getByRole("button", { name: "Смена пароля" }).click();
  await expect(page).toHaveURL(/\/login\?reason=password-changed/);

  // The old session cookie no longer opens the account.
  await context.addCookies(stolen);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  expect(
    countRows(
      `SELECT count(*) AS n FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE u.email = ?`,
      email,
    ),
  ).toBe(0);

  await signIn(page, email, "a brand new long passphrase");
  await expect(page).toHaveURL(/\/study/);
});

test("signing out ends the session on the server too", async ({ page, context }) => {
  const email = newEmail();
  await register(page, email);
  await expect(page).toHaveURL(/\/study/);
  const cookies = (await context.cookies()).filter((c) => c.name.includes("authjs.session-token"));
  await signOut(page);
  await context.addCookies(cookies);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});

test("my data: download everything, then delete the account", async ({ page }) => {
  const email = newEmail();
  await register(page, email);
  await studyCards(page, 2);
  await page.goto("/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Скачать все мои данные (JSON)" }).click(),
  ]);
  const data = JSON.parse(
    await (
      await download.createReadStream()
    )
      .toArray()
      .then((c) => Buffer.concat(c).toString("utf8")),
  );
  expect(data.profile.email).toBe(email);
  expect(data.cards).toHaveLength(2);
  expect(data.reviewLogs).toHaveLength(2);
  expect(JSON.stringify(data)).not.toContain("argon2");

  const learnerId = learnerOf(email);
  await page.getByLabel("Почта для подтверждения").fill("someone-else@example.test");
  await page.getByRole("button", { name: "Удалить аккаунт навсегда" }).click();
  await expect(page.getByText("Введите почту своего аккаунта для подтверждения.")).toBeVisible();
  await page.getByLabel("Почта для подтверждения").fill(email);
  await page.getByRole("button", { name: "Удалить аккаунт навсегда" }).click();
  await expect(page).toHaveURL(/\/\?reason=account-deleted/);
  expect(countRows(`SELECT count(*) AS n FROM "User" WHERE email = ?`, email)).toBe(0);
  expect(countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId)).toBe(
    0,
  );
  expect(countRows(`SELECT count(*) AS n FROM "Card" WHERE "learnerId" = ?`, learnerId)).toBe(0);
});

test("a learner can become a teacher", async ({ page }) => {
  await register(page, newEmail());
  await page.goto("/account");
  await page.getByRole("button", { name: "Стать преподавателем" }).click();
  await expect(page.getByText("Роль: преподаватель")).toBeVisible();
});

test("a failed GitHub or Google sign-in comes back to /login with a message", async ({ page }) => {
  await page.goto("/login?error=Configuration");
  await expect(page.locator("p[role=alert]")).toContainText(
    "Не удалось войти через GitHub или Google",
  );
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
});
