import type { DocumentIssue } from "@/lib/core/deck/document-error";
import { formatMessage } from "./format-message";
import type { Messages } from "./locales";

/**
 * A document problem in the reader's language: its code's text with its parameters (line
 * numbers, names from the document). A code this build does not know keeps the English message.
 */
export function documentIssueText(
  issue: Pick<DocumentIssue, "code" | "params" | "message">,
  texts: Messages["newDeck"]["issues"],
): string {
  const template = (texts as Record<string, string | undefined>)[issue.code];
  return template === undefined ? issue.message : formatMessage(template, issue.params ?? {});
}
