import { z } from "zod";
import type { QuestionKind } from "@/lib/core/deck/types";

/** Kinds the core grades by one option: a phone shows them as buttons ("classify" is "which concept?"). */
export const LIVE_KINDS = [
  "multiple-choice",
  "true-false",
  "classify",
] as const satisfies readonly QuestionKind[];
export type LiveKind = (typeof LIVE_KINDS)[number];

export const LIVE_QUESTION_COUNT = { min: 1, max: 50, default: 10 } as const;
export const LIVE_SECONDS = { min: 5, max: 240, default: 20 } as const;

/** What the host chooses when creating a game; stored as JSON on the game. */
export const LiveGameSettingsSchema = z.object({
  deckId: z.string().min(1).max(200),
  /** Empty: every aspect. */
  aspects: z.array(z.string().min(1).max(100)).max(50).default([]),
  kinds: z
    .array(z.enum(LIVE_KINDS))
    .min(1)
    .max(LIVE_KINDS.length)
    .default([...LIVE_KINDS]),
  questionCount: z
    .number()
    .int()
    .min(LIVE_QUESTION_COUNT.min)
    .max(LIVE_QUESTION_COUNT.max)
    .default(LIVE_QUESTION_COUNT.default),
  secondsPerQuestion: z
    .number()
    .int()
    .min(LIVE_SECONDS.min)
    .max(LIVE_SECONDS.max)
    .default(LIVE_SECONDS.default),
  points: z.boolean().default(true),
  speedBonus: z.boolean().default(true),
  streakBonus: z.boolean().default(true),
  classId: z.string().min(1).max(100).optional(),
});
export type LiveGameSettings = z.output<typeof LiveGameSettingsSchema>;

/** The scoring switches alone (what `scoreAnswer` needs). */
export type ScoringSettings = Pick<LiveGameSettings, "points" | "speedBonus" | "streakBonus">;
