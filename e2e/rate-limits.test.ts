import { PASSWORD, newEmail } from "./account-helpers";
import { expect, test } from "./fixtures";
import { captureAction } from "./server-actions";
import { countRows, readValues } from "./test-database";

/*
 * Over an abuse limit the API answers 429 with Retry-After and the page says what happened and
 * how long to wait. The limits are the real ones (lib/server/rate-limits/limits.ts); each test
 * has an address of its own (fixtures.ts). tests/integration/rate-limits.test.ts covers every
 * limit at the data layer.
 */

const DECK = "containers-vs-pods.ru";

test("the 121st answer in a minute is refused with 429, and the study page says how long to wait", async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  // The card on screen first; answered below, once the minute's answers are used up.
  await page.goto("/study");
  await expect(page.locator("#study-prompt")).toBeVisible();
  const questionIds = readValues<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY position`,
    DECK,
  );
  // The n-th answer: the deck's questions in turn, each with the version its last answer left.
  const n = questionIds.length;
  const sequence = Array.from({ length: 121 }, (_, i) => ({
    questionId: questionIds[i % n]!,
    cardVersion: i < n ? null : Math.floor(i / n) - 1,
  }));
  const answer = (which: { questionId: string; cardVersion: number | null }) =>
    page.request.post("/api/study/answers", {
      data: {
        ...which,
        clientAnswerId: crypto.randomUUID(),
        answer: { type: "reveal" },
        rating: 1,
        durationMs: 300,
      },
    });
  // Well within a minute even on a busy machine: the first answer alone (it makes this visitor a
  // guest; page.request shares the page's cookies), then each round of the deck at once.
  expect((await answer(sequence[0]!)).status()).toBe(201);
  for (let from = 1; from < 120;) {
    const to = Math.min(120, (Math.floor(from / n) + 1) * n);
    const statuses = await Promise.all(
      sequence.slice(from, to).map(async (which) => (await answer(which)).status()),
    );
    expect(statuses.every((status) => status === 201)).toBe(true);
    from = to;
  }
  const refused = await answer(sequence[120]!);
  expect(refused.status()).toBe(429);
  const wait = Number(refused.headers()["retry-after"]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  expect(await refused.json()).toMatchObject({
    error: "rate_limited",
    limit: "study-answers:learner",
  });

  const reveal = page.getByRole("button", { name: "Показать ответ" });
  if (await reveal.isVisible()) await reveal.click();
  else if (await page.locator("#cloze-answer").isVisible()) {
    await page.locator("#cloze-answer").fill("ответ");
    await page.locator("#cloze-answer").press("Enter");
  } else if ((await page.locator(".matching select").count()) > 0) {
    for (const select of await page.locator(".matching select").all())
      await select.selectOption({ index: 1 });
    await page.getByRole("button", { name: "Проверить" }).click();
  } else await page.locator(".options .option").first().click();
  const ratings = page.getByRole("group", { name: /Как хорошо/ });
  await ratings.getByRole("button").nth(2).click();
  await expect(page.locator(".notice")).toHaveText(
    /^Слишком много ответов за минуту\. Следующий можно отправить через \d{1,2} с\.$/,
  );
  // The card stays answered, so the same rating can be sent again once the wait is over.
  await expect(ratings).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "pd_learner");
  const learnerId = decodeURIComponent(cookie!.value).split(".")[0]!;
  expect(countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId)).toBe(
    120,
  );
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("429")]);
});

test("the 61st practice test in an hour is refused, and the form says when to start the next", async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const start = () =>
    page.request.post("/api/practice/attempts", {
      data: { clientId: crypto.randomUUID(), deckId: DECK, aspects: [], kinds: [], count: 5 },
    });
  for (let i = 0; i < 60; i++) expect((await start()).status()).toBe(201);
  const refused = await start();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(3500);

  await page.goto("/practice");
  await page.getByRole("button", { name: "Начать тест" }).click();
  await expect(page.locator("#practice-error")).toHaveText(
    /^Слишком много тестов за час\. Новый можно начать через (59|60) мин\.$/,
  );
  await expect(page).toHaveURL(/\/practice$/);
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("429")]);
});

test("after 50 sign-ups from one address in an hour, the form says how long to wait", async ({
  context,
  page,
}) => {
  test.setTimeout(180_000);
  // The sign-up form's action as the browser builds it (in a tab of its own: the capture aborts
  // a request, which that tab logs), sent 50 times: the first creates the account, the others
  // find the email taken. Each one counts, as each costs a password hash.
  const capturing = await context.newPage();
  await capturing.goto("/register");
  await capturing.getByLabel("Почта").fill(newEmail());
  await capturing.getByLabel("Пароль").fill(PASSWORD);
  const action = await captureAction(capturing, () =>
    capturing.getByRole("button", { name: "Создать аккаунт" }).click(),
  );
  await capturing.close();
  const headers = Object.fromEntries(
    Object.entries(action.headers).filter(
      ([name]) => !name.startsWith(":") && !["cookie", "content-length", "host"].includes(name),
    ),
  );
  for (let i = 0; i < 50; i++) {
    const response = await context.request.post(action.url, {
      headers,
      data: action.body,
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(400);
  }
  // Signed out again (the first sign-up signed in), the 51st sign-up is refused.
  await context.clearCookies();
  const email = newEmail();
  await page.goto("/register");
  await page.getByLabel("Почта").fill(email);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(page.locator("form#register [role=status]")).toHaveText(
    /^С вашего адреса за час создано слишком много аккаунтов\. Попробуйте через (59|60) мин\.$/,
  );
  await expect(page).toHaveURL(/\/register$/);
  expect(countRows(`SELECT count(*) AS n FROM "User" WHERE email = ?`, email)).toBe(0);
  // Counted under this test's own address (fixtures.ts), as the proxy header named it.
  const address = action.headers["x-forwarded-for"];
  expect(address).toMatch(/^e2e-/);
  const counted = `SELECT count(*) AS n FROM "RateLimitEvent" WHERE bucket = ? AND key = ?`;
  expect(countRows(counted, "registrations:address", address)).toBe(50);
});
