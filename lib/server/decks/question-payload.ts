import type { Question } from "@/lib/core/deck/types";

/** Question rows keep the generated question as JSON, written only by syncDecks. */
export function parseQuestionPayload(payload: string): Question {
  return JSON.parse(payload) as Question;
}
