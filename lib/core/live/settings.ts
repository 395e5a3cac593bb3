import { z } from "zod";
import { LIVE_KINDS, LIVE_QUESTION_COUNT, LIVE_SECONDS, type LiveKind } from "./live-limits";

export { LIVE_KINDS, LIVE_QUESTION_COUNT, LIVE_SECONDS, type LiveKind };

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
