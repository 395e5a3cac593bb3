import type { AspectKey } from "@/lib/core/deck/types";

/** Where a sentence stands in the source document: heading path and 1-based lines. */
export interface SourceRef {
  section: string[];
  line: number;
  endLine: number;
}

/** One thing a good answer says, quoted from the document, with where it stands. */
export interface KeyPoint {
  text: string;
  source: SourceRef;
}

export type InterviewItemType = "explain" | "definition" | "scenario";

/**
 * One open interview question with its model answer. Plain data: stored with the interview as
 * it was asked, so the history shows the same question even after the deck changes.
 */
export interface InterviewItem {
  /** Stable within the deck: the question id, or `scenario:` + the example's id. */
  id: string;
  type: InterviewItemType;
  prompt: string;
  modelAnswer: string;
  keyPoints: KeyPoint[];
  aspect: AspectKey;
  source: SourceRef & { quote: string };
  /** The deck question whose card is scheduled for earlier review when this item is missed. */
  reviewQuestionId: string | null;
}
