import type { AssignmentGoal } from "@/lib/server/classes/assignment-study";
import type { StudyState } from "@/lib/server/study/get-study-card";
import type { SubmitAnswerResult } from "@/lib/server/study/submit-answer";
import type { AnswerInput } from "@/lib/core/deck/types";
import { apiErrorOf } from "../api-error";

/** Typed calls to the study route handlers; a failure throws the ApiError of its answer. */
async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { "Content-Type": "application/json" } });
  if (!response.ok) throw await apiErrorOf(response);
  return (await response.json().catch(() => ({}))) as T;
}

/** With an assignment, its session (its own deck and scope, and its goal); else the decks'. */
export function fetchStudyState(
  deckIds: string[],
  aspects: string[] = [],
  assignmentId?: string,
): Promise<StudyState & { goal?: AssignmentGoal }> {
  const query = assignmentId
    ? `assignment=${encodeURIComponent(assignmentId)}`
    : [
        ...deckIds.map((id) => `deck=${encodeURIComponent(id)}`),
        ...aspects.map((key) => `aspect=${encodeURIComponent(key)}`),
      ].join("&");
  return call<StudyState & { goal?: AssignmentGoal }>(`/api/study?${query}`, {
    cache: "no-store",
  });
}

export interface SubmitPayload {
  clientAnswerId: string;
  questionId: string;
  cardVersion: number | null;
  answer: AnswerInput;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  timeZone: string;
}

export function postAnswer(payload: SubmitPayload): Promise<SubmitAnswerResult> {
  return call<SubmitAnswerResult>("/api/study/answers", {
    method: "POST",
    body: JSON.stringify(payload),
  });
}

export function postUndo(clientAnswerId: string): Promise<{ questionId: string }> {
  return call("/api/study/undo", { method: "POST", body: JSON.stringify({ clientAnswerId }) });
}
