"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/components/practice/post-json";

/**
 * Starts exactly the test or interview an assignment asks for (its deck, aspects, kinds and N)
 * through the same routes /practice and /interview use, then opens it.
 */
export function AssignmentStartButton({
  start,
  label,
  accessibleLabel,
  pendingLabel,
  failedMessage,
}: {
  start:
    | { kind: "practice"; deckId: string; aspects: string[]; kinds: string[]; count: number }
    | { kind: "interview"; deckId: string; count: number };
  label: string;
  accessibleLabel: string;
  pendingLabel: string;
  failedMessage: string;
}) {
  const router = useRouter();
  // One id per button: a double click or a retry after a lost response starts one test.
  const [clientId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function run() {
    setPending(true);
    setFailed(false);
    try {
      if (start.kind === "practice") {
        const { attemptId } = await postJson<{ attemptId: string }>("/api/practice/attempts", {
          clientId,
          deckId: start.deckId,
          aspects: start.aspects,
          kinds: start.kinds,
          count: start.count,
        });
        router.push(`/practice/${attemptId}`);
      } else {
        const { sessionId } = await postJson<{ sessionId: string }>("/api/interviews", {
          clientId,
          deckId: start.deckId,
          count: start.count,
        });
        router.push(`/interview/${sessionId}`);
      }
    } catch {
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <span className="action-button">
      <button
        type="button"
        className="button primary small"
        aria-label={accessibleLabel}
        disabled={pending}
        onClick={() => void run()}
      >
        {pending ? pendingLabel : label}
      </button>
      <span role="status" className="field-error">
        {failed ? failedMessage : ""}
      </span>
    </span>
  );
}
