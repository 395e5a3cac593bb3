import crypto from "node:crypto";
import { createDb } from "@/lib/server/db";
import { signLearnerId } from "@/lib/server/guest-cookie";
import { runLoad, type LoadResult } from "./http-load";

export interface StudyBenchRow {
  connections: number;
  submit: LoadResult;
  submitBaseline: LoadResult;
  next: LoadResult;
  nextBaseline: LoadResult;
  submitRatio: number;
  nextRatio: number;
}

/**
 * next-card and submit-answer at 1, 50 and 200 concurrent learners, each next to the bare
 * baseline measured in the same run. Every submit answers a card its learner never answered,
 * so each one is a real first review (no replays, no conflicts).
 */
export async function benchStudy(options: {
  url: string;
  databaseFile: string;
  deckId: string;
  learners: number;
  durationSeconds: number;
  levels: number[];
}): Promise<StudyBenchRow[]> {
  const db = createDb(options.databaseFile);
  const questions = await db.question.findMany({
    where: { deckId: options.deckId, retiredAt: null },
    select: { id: true },
    orderBy: { position: "asc" },
  });
  await db.learner.createMany({
    data: Array.from({ length: options.learners }, (_, i) => ({
      id: `bench-learner-${i}`,
      timeZone: "Europe/Moscow",
    })),
  });
  await db.$disconnect();
  const cookies = Array.from(
    { length: options.learners },
    (_, i) => `pd_learner=${signLearnerId(`bench-learner-${i}`)}`,
  );

  let pair = 0;
  const nextPair = () => {
    const n = pair++;
    const learner = n % options.learners;
    const question = Math.floor(n / options.learners) % questions.length;
    return { learner, questionId: questions[question]?.id ?? "" };
  };
  let turn = 0;
  const deckPath = `/api/study?deck=${encodeURIComponent(options.deckId)}`;

  const rows: StudyBenchRow[] = [];
  for (const connections of options.levels) {
    const common = { url: options.url, connections, durationSeconds: options.durationSeconds };
    const submit = await runLoad({
      ...common,
      name: "submit-answer",
      method: "POST",
      next: () => {
        const { learner, questionId } = nextPair();
        return {
          path: "/api/study/answers",
          headers: { cookie: cookies[learner] ?? "" },
          body: JSON.stringify({
            clientAnswerId: crypto.randomUUID(),
            questionId,
            cardVersion: null,
            answer: { type: "reveal" },
            rating: 3,
            durationMs: 4000,
          }),
        };
      },
    });
    const submitBaseline = await runLoad({
      ...common,
      name: "baseline insert",
      method: "POST",
      next: () => ({ path: "/api/bench/baseline", body: JSON.stringify({ n: turn++ }) }),
    });
    const next = await runLoad({
      ...common,
      name: "next-card",
      method: "GET",
      next: () => ({
        path: deckPath,
        headers: { cookie: cookies[turn++ % options.learners] ?? "" },
      }),
    });
    const nextBaseline = await runLoad({
      ...common,
      name: "baseline select",
      method: "GET",
      next: () => ({
        path: `/api/bench/baseline?learner=bench-learner-${turn++ % options.learners}`,
      }),
    });
    rows.push({
      connections,
      submit,
      submitBaseline,
      next,
      nextBaseline,
      submitRatio: Math.round((submit.rps / submitBaseline.rps) * 100) / 100,
      nextRatio: Math.round((next.rps / nextBaseline.rps) * 100) / 100,
    });
  }
  return rows;
}
