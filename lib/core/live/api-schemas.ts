import { z } from "zod";
import { HOST_COMMANDS, type HostCommand } from "./phases";

/** Ids in URLs: cuids, checked before any look-up (a malformed one is a 400, never a 500). */
export const LiveGameIdSchema = z.string().regex(/^[a-z0-9]{10,40}$/, "not a game id");

export const JoinLiveGameSchema = z.object({ nickname: z.string().max(200) });

export const LiveAnswerSchema = z.object({
  questionIndex: z.number().int().min(0).max(1000),
  choice: z.string().min(1).max(50),
});

export const HostCommandSchema = z.discriminatedUnion("command", [
  z.object({ command: z.enum(HOST_COMMANDS as [HostCommand, ...HostCommand[]]) }),
  z.object({
    command: z.literal("kick"),
    playerId: z.string().min(1).max(40),
    ban: z.boolean().default(false),
  }),
]);
