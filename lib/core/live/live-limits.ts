import type { QuestionKind } from "@/lib/core/deck/types";

/*
 * What the host may choose for a live game, without zod: the create-game form renders these,
 * and the settings schema (./settings.ts) checks them on the server.
 */

/** Kinds the core grades by one option: a phone shows them as buttons ("classify" is "which concept?"). */
export const LIVE_KINDS = [
  "multiple-choice",
  "true-false",
  "classify",
] as const satisfies readonly QuestionKind[];
export type LiveKind = (typeof LIVE_KINDS)[number];

export const LIVE_QUESTION_COUNT = { min: 1, max: 50, default: 10 } as const;
export const LIVE_SECONDS = { min: 5, max: 240, default: 20 } as const;
