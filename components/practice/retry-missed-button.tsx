"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Messages } from "@/lib/i18n/locales";
import { rateLimitNotice } from "../api-error";
import { postJson } from "./post-json";

/** Starts a new attempt of exactly the questions missed in `attemptId`, and opens it. */
export function RetryMissedButton({
  attemptId,
  label,
  errorText,
  tl,
}: {
  attemptId: string;
  label: string;
  errorText: string;
  tl: Messages["limits"];
}) {
  const router = useRouter();
  const [clientId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setPending(true);
    setError(null);
    try {
      const { attemptId: next } = await postJson<{ attemptId: string }>(
        `/api/practice/attempts/${encodeURIComponent(attemptId)}/retry`,
        { clientId },
      );
      router.push(`/practice/${next}`);
    } catch (failure) {
      setPending(false);
      setError(rateLimitNotice(failure, tl) ?? errorText);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={pending}
        onClick={() => void retry()}
      >
        {label}
      </button>
      <p className="field-error" role="alert">
        {error}
      </p>
    </>
  );
}
