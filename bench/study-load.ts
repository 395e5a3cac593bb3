import crypto from "node:crypto";
import { signLearnerId } from "@/lib/server/guest-cookie";
import { runLoad, type LoadResult } from "./http-load";
import type { SeededLoad } from "./seed-load";

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
 * baseline measured in the same run, for the seeded learners (see seed-load.ts). Every submit is
 * a real review with the card version the learner last saw (no replays, no conflicts).
 */
export async function benchStudy(options: {
  url: string;
  cpuMs: () => number;
  databaseCpuMs?: () => number;
  load: SeededLoad;
  deckId: string;
  durationSeconds: number;
  levels: number[];
}): Promise<StudyBenchRow[]> {
  const { load } = options;
  const learners = load.learnerIds.length;
  const questions = load.questionIds.length;
  const cookies = load.learnerIds.map((id) => `pd_learner=${signLearnerId(id)}`);

  // The n-th submit: learner n mod L answers the next question of its rotation, starting past
  // its own index, so about a quarter of the submits create a card and the rest update one.
  // Every (learner, question) pair is answered at most once, with the version it has.
  let pair = 0;
  const nextPair = () => {
    const n = pair++;
    const learner = n % learners;
    const round = Math.floor(n / learners);
    if (round >= questions) throw new Error("bench: every learner answered every question");
    const question = (learner + ((learner + round) % questions)) % questions;
    return {
      learner,
      questionId: load.questionIds[question] ?? "",
      cardVersion: load.versionOf(learner, question),
    };
  };
  let turn = 0;
  const deckPath = `/api/study?deck=${encodeURIComponent(options.deckId)}`;

  const submitRequest = () => {
    const { learner, questionId, cardVersion } = nextPair();
    return {
      path: "/api/study/answers",
      headers: { cookie: cookies[learner] ?? "" },
      body: JSON.stringify({
        clientAnswerId: crypto.randomUUID(),
        questionId,
        cardVersion,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 4000,
      }),
    };
  };
  const nextRequest = () => ({
    path: deckPath,
    headers: { cookie: cookies[turn++ % learners] ?? "" },
  });

  // Unrecorded warm-up, so the first level does not pay for JIT compilation and cold caches.
  const warm = {
    url: options.url,
    cpuMs: options.cpuMs,
    databaseCpuMs: options.databaseCpuMs,
    connections: 10,
    durationSeconds: 2,
  };
  await runLoad({ ...warm, name: "warm-up submit", method: "POST", next: submitRequest });
  await runLoad({ ...warm, name: "warm-up next", method: "GET", next: nextRequest });

  const rows: StudyBenchRow[] = [];
  for (const connections of options.levels) {
    const common = {
      url: options.url,
      cpuMs: options.cpuMs,
      databaseCpuMs: options.databaseCpuMs,
      connections,
      durationSeconds: options.durationSeconds,
    };
    const submit = await runLoad({
      ...common,
      name: "submit-answer",
      method: "POST",
      next: submitRequest,
    });
    const submitBaseline = await runLoad({
      ...common,
      name: "baseline insert",
      method: "POST",
      next: () => ({ path: "/api/bench/baseline", body: JSON.stringify({ n: turn++ }) }),
    });
    const next = await runLoad({ ...common, name: "next-card", method: "GET", next: nextRequest });
    const nextBaseline = await runLoad({
      ...common,
      name: "baseline select",
      method: "GET",
      next: () => ({
        path: `/api/bench/baseline?learner=${load.learnerIds[turn++ % learners] ?? ""}`,
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
