import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QuestionReportSchema } from "@/lib/core/reports/report-schemas";
import { mergeGuestIntoUser, registerUser } from "@/lib/server/auth/accounts";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { RATE_LIMITS } from "@/lib/server/rate-limits/limits";
import { reportQuestion, resolveQuestionReports } from "@/lib/server/reports/question-reports";
import { listOpenReports } from "@/lib/server/reports/report-queries";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const RU = "containers-vs-pods.ru";
const EN = "containers-vs-pods.en";
const NOW = new Date("2026-03-02T06:00:00Z");
const HOUR_MS = 60 * 60 * 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-sources-"));
  for (const name of fs.readdirSync("data/sources"))
    fs.copyFileSync(path.join("data/sources", name), path.join(dir, name));
  await syncDecks(t.db, { sourcesDir: dir, now: NOW });
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function newLearner() {
  return (await t.db.learner.create({ data: {} })).id;
}

async function questionIds(deckId: string, n: number, where: { siblingKey?: string } = {}) {
  const rows = await t.db.question.findMany({
    where: { deckId, retiredAt: null, ...where },
    orderBy: { position: "asc" },
    take: n,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

function report(
  learnerId: string,
  questionId: string,
  body: unknown = { reason: "wrong-answer" },
  options: { address?: string; now?: Date } = {},
) {
  return reportQuestion(t.db, {
    learnerId,
    questionId,
    address: options.address ?? "203.0.113.1",
    input: QuestionReportSchema.parse(body),
    now: options.now ?? NOW,
  });
}

describe("reportQuestion", () => {
  it("stores an open report with its reporter, reason, trimmed comment and time", async () => {
    const learnerId = await newLearner();
    const [questionId] = await questionIds(RU, 1);
    const { reportId } = await report(learnerId, questionId!, {
      reason: "ambiguous",
      comment: "  Both answers fit.  ",
    });
    expect(await t.db.questionReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({
      learnerId,
      questionId,
      reason: "ambiguous",
      comment: "Both answers fit.",
      status: "open",
      createdAt: NOW,
      updatedAt: NOW,
      resolvedAt: null,
    });
  });

  it("keeps one report per learner and question: reporting again updates it", async () => {
    const [a, b] = [await newLearner(), await newLearner()];
    const [questionId] = await questionIds(RU, 1);
    const first = await report(a, questionId!, { reason: "wrong-answer", comment: "first" });
    const again = await report(a, questionId!, { reason: "other" }, { now: later(60_000) });
    expect(again.reportId).toBe(first.reportId);
    const row = await t.db.questionReport.findUniqueOrThrow({ where: { id: first.reportId } });
    expect(row).toMatchObject({ reason: "other", comment: null, createdAt: NOW });
    expect(row.updatedAt).toEqual(later(60_000));

    // Another learner's report is theirs alone and leaves the first one as it was.
    const theirs = await report(b, questionId!, { reason: "ambiguous", comment: "mine" });
    expect(theirs.reportId).not.toBe(first.reportId);
    expect(await t.db.questionReport.count({ where: { questionId } })).toBe(2);
    expect(
      await t.db.questionReport.findUniqueOrThrow({ where: { id: first.reportId } }),
    ).toMatchObject({ learnerId: a, reason: "other" });
  });

  it("reopens a resolved report when the learner reports the question again", async () => {
    const learnerId = await newLearner();
    const [questionId] = await questionIds(RU, 1);
    await report(learnerId, questionId!);
    expect(await resolveQuestionReports(t.db, { questionId: questionId!, now: later(1000) })).toBe(
      1,
    );
    expect(await listOpenReports(t.db)).toEqual([]);
    await report(learnerId, questionId!, { reason: "unclear-wording" }, { now: later(2000) });
    const rows = await t.db.questionReport.findMany({ where: { questionId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "open", resolvedAt: null, reason: "unclear-wording" });
  });

  it("refuses an unknown or retired question with NotFoundError and counts nothing", async () => {
    const learnerId = await newLearner();
    await expect(report(learnerId, "no-such-question")).rejects.toBeInstanceOf(NotFoundError);
    const [questionId] = await questionIds(RU, 1);
    await t.db.question.update({ where: { id: questionId! }, data: { retiredAt: NOW } });
    await expect(report(learnerId, questionId!)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.questionReport.count()).toBe(0);
    expect(await t.db.rateLimitEvent.count()).toBe(0);
  });

  it("allows 10 reports per learner per hour, then RateLimitedError until the oldest expires", async () => {
    const learnerId = await newLearner();
    const ids = await questionIds(RU, 11);
    const max = RATE_LIMITS.questionReportsPerLearner.max;
    expect(max).toBe(10);
    for (let i = 0; i < max; i++)
      await report(learnerId, ids[i]!, undefined, { now: later(i * 60_000) });

    const refused = report(learnerId, ids[max]!, undefined, { now: later(30 * 60_000) });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    const error = (await refused.catch((e: unknown) => e)) as RateLimitedError;
    expect(error.status).toBe(429);
    // The first report (at NOW) leaves the window an hour after it: 30 minutes from then.
    expect(error.retryAfterSeconds).toBe(30 * 60);
    expect(await t.db.questionReport.count({ where: { learnerId } })).toBe(max);

    // Refused attempts do not count: the wait stays the same for a client that keeps trying.
    await expect(
      report(learnerId, ids[max]!, undefined, { now: later(30 * 60_000) }),
    ).rejects.toMatchObject({ retryAfterSeconds: 30 * 60 });

    await report(learnerId, ids[max]!, undefined, { now: later(HOUR_MS + 1) });
    expect(await t.db.questionReport.count({ where: { learnerId } })).toBe(max + 1);
  });

  it("allows 30 reports per address per hour, whoever sends them", async () => {
    const ids = await questionIds(RU, 31);
    const max = RATE_LIMITS.questionReportsPerAddress.max;
    expect(max).toBe(30);
    // Each report comes from a new learner, so questions may repeat across them.
    const idAt = (i: number) => ids[i % ids.length]!;
    for (let i = 0; i < max; i++)
      await report(await newLearner(), idAt(i), undefined, { address: "198.51.100.7" });
    await expect(
      report(await newLearner(), idAt(max), undefined, { address: "198.51.100.7" }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    // Another address is not affected.
    await report(await newLearner(), idAt(max), undefined, { address: "198.51.100.8" });
  });

  it("prunes events no window counts any more", async () => {
    const learnerId = await newLearner();
    const [a, b] = await questionIds(RU, 2);
    await report(learnerId, a!);
    expect(await t.db.rateLimitEvent.count()).toBe(2);
    await report(learnerId, b!, undefined, { now: later(HOUR_MS) });
    const left = await t.db.rateLimitEvent.findMany();
    expect(left.map((e) => e.createdAt)).toEqual([later(HOUR_MS), later(HOUR_MS)]);
  });

  it("keeps reports when the deck is synced again and when its document changes", async () => {
    const learnerId = await newLearner();
    const [kept] = await questionIds(RU, 1);
    const [doomed] = await questionIds(RU, 1, { siblingKey: "fact:container:isolation" });
    expect(kept).not.toBe(doomed);
    await report(learnerId, kept!, { reason: "ambiguous", comment: "still here?" });
    await report(learnerId, doomed!, { reason: "other" });

    // Unchanged document: nothing happens to questions or reports.
    await syncDecks(t.db, { sourcesDir: dir, now: later(HOUR_MS) });
    // Changed document: the isolation fact's questions are retired, the others keep their ids.
    const file = path.join(dir, `${RU}.md`);
    const original = fs.readFileSync(file, "utf8");
    const exampleLine = original
      .split("\n")
      .find((l) => l.includes("**Изоляция:**") && l.includes("Каждый контейнер"));
    fs.writeFileSync(file, original.replace(`${exampleLine}\n`, ""));
    const sync = await syncDecks(t.db, { sourcesDir: dir, now: later(2 * HOUR_MS) });
    expect(sync.decks.find((d) => d.deckId === RU)?.retired).toBeGreaterThan(0);

    const reports = await t.db.questionReport.findMany({
      where: { learnerId },
      include: { question: { select: { retiredAt: true } } },
      orderBy: { questionId: "asc" },
    });
    expect(reports).toHaveLength(2);
    const byQuestion = new Map(reports.map((r) => [r.questionId, r]));
    expect(byQuestion.get(kept!)).toMatchObject({ comment: "still here?", status: "open" });
    expect(byQuestion.get(kept!)?.question.retiredAt).toBeNull();
    expect(byQuestion.get(doomed!)?.question.retiredAt).toEqual(later(2 * HOUR_MS));
    expect((await listOpenReports(t.db, { deckId: RU })).map((q) => q.questionId)).toContain(kept);
  });

  it("moves a guest's reports into the account on sign-in; the newer report wins a clash", async () => {
    const { learnerId: accountLearner, userId } = await registerUser(t.db, {
      email: "reporter@example.test",
      password: "correct horse battery staple",
      guestLearnerId: null,
    });
    const guest = await newLearner();
    const [both, guestOnly] = await questionIds(RU, 2);
    await report(accountLearner, both!, { reason: "other", comment: "older" });
    await report(guest, both!, { reason: "ambiguous", comment: "newer" }, { now: later(1000) });
    await report(guest, guestOnly!, { reason: "wrong-answer" }, { now: later(2000) });

    await mergeGuestIntoUser(t.db, { guestLearnerId: guest, userId });
    const rows = await t.db.questionReport.findMany({ orderBy: { updatedAt: "asc" } });
    expect(rows.map((r) => [r.learnerId, r.questionId, r.comment])).toEqual([
      [accountLearner, both, "newer"],
      [accountLearner, guestOnly, null],
    ]);
  });
});

describe("listOpenReports", () => {
  it("gives one line per question with its count, reasons and latest comment, by deck", async () => {
    const [ru1, ru2] = await questionIds(RU, 2);
    const [en1] = await questionIds(EN, 1);
    const learners = [await newLearner(), await newLearner(), await newLearner()];
    await report(learners[0]!, ru2!, { reason: "wrong-answer", comment: "first" });
    await report(
      learners[1]!,
      ru2!,
      { reason: "wrong-answer", comment: "second" },
      { now: later(1) },
    );
    await report(learners[2]!, ru2!, { reason: "ambiguous" }, { now: later(2) });
    await report(learners[0]!, ru1!, { reason: "other" });
    await report(learners[0]!, en1!, { reason: "unclear-wording", comment: "what?" });

    const all = await listOpenReports(t.db);
    expect(all.map((q) => [q.deckId, q.questionId, q.count])).toEqual([
      [EN, en1, 1],
      [RU, ru2, 3],
      [RU, ru1, 1],
    ]);
    expect(all[1]).toMatchObject({
      reasons: [
        { reason: "wrong-answer", count: 2 },
        { reason: "ambiguous", count: 1 },
      ],
      latestComment: "second",
    });
    expect(all[1]?.prompt.length).toBeGreaterThan(10);

    const en = await listOpenReports(t.db, { deckId: EN });
    expect(en.map((q) => q.questionId)).toEqual([en1]);
  });
});
