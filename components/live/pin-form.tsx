"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Messages } from "@/lib/i18n/locales";
import { sendLiveForm } from "./live-errors";
import { LiveTextField } from "./live-text-field";

/** /live: type the PIN; a right one opens /live/<pin>, a wrong one says so (and is counted). */
export function PinForm({ t }: { t: Messages["live"] }) {
  const router = useRouter();
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const typed = pin.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(typed)) {
      setError(t.errors.pin_invalid);
      return;
    }
    await sendLiveForm({
      send: () => fetch(`/api/live/pins/${typed}`, { cache: "no-store" }),
      onOk: () => router.push(`/live/${typed}`),
      setBusy,
      setError,
      t,
    });
  }

  return (
    <form className="live-pin-form" onSubmit={(e) => void submit(e)} noValidate>
      <LiveTextField
        id="live-pin"
        label={t.pin}
        hint={t.pinHint}
        error={error}
        input={{
          inputMode: "numeric",
          autoComplete: "off",
          maxLength: 7,
          value: pin,
          onChange: (e) => setPin(e.target.value),
        }}
      />
      <button type="submit" className="button primary live-big" disabled={busy}>
        {busy ? t.checking : t.enter}
      </button>
    </form>
  );
}
