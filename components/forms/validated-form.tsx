"use client";

import { useActionState, useState } from "react";
import { fieldErrors } from "@/lib/core/forms/field-errors";
import type { FormState } from "@/lib/server/form-state";
import type { FormSchemaName } from "./form-schemas";
import { lazyModule, useLazyFormCheck } from "./lazy-module";

// The same schemas the server actions parse with: field errors show before the round trip.
const formSchemas = lazyModule(() => import("./form-schemas"));

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "select" | "textarea";
  autoComplete?: string;
  defaultValue?: string;
  options?: { value: string; label: string }[];
  hint?: string;
  maxLength?: number;
}

export function ValidatedForm({
  id,
  schema,
  action,
  fields,
  hidden = {},
  submitLabel,
  successMessage,
  t,
  danger = false,
}: {
  id: string;
  schema: FormSchemaName;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  /** Values the form carries without showing them, e.g. the id of the record it edits. */
  hidden?: Record<string, string>;
  submitLabel: string;
  successMessage?: string;
  /** Error messages by key (`forms.errors`, `classes.errors`). */
  t: { errors: Record<string, string> };
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", errors: {} });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...state.errors, ...clientErrors };
  const translate = (key: string) => {
    const text = t.errors[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(state.params?.[name] ?? ""));
  };

  const check = useLazyFormCheck(formSchemas, ({ FORM_SCHEMAS }, event) => {
    const parsed = FORM_SCHEMAS[schema].safeParse(
      Object.fromEntries(new FormData(event.currentTarget)),
    );
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    setClientErrors(found);
    if (!parsed.success) event.preventDefault();
  });

  return (
    <form
      id={id}
      action={formAction}
      onFocus={check.onFocus}
      onSubmit={check.onSubmit}
      className="form-grid card"
      noValidate
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => {
        const error = errors[f.name];
        const describedBy = [f.hint ? `${id}-${f.name}-hint` : "", `${id}-${f.name}-error`]
          .join(" ")
          .trim();
        const common = {
          id: `${id}-${f.name}`,
          name: f.name,
          defaultValue: f.defaultValue,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy,
        };
        return (
          <div key={f.name} className="field">
            <label htmlFor={`${id}-${f.name}`}>{f.label}</label>
            {f.type === "textarea" ? (
              <textarea {...common} rows={3} maxLength={f.maxLength} />
            ) : f.type === "select" ? (
              <select {...common}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={f.type ?? "text"}
                autoComplete={f.autoComplete}
                maxLength={f.maxLength}
              />
            )}
            {f.hint && (
              <p id={`${id}-${f.name}-hint`} className="muted small">
                {f.hint}
              </p>
            )}
            <p id={`${id}-${f.name}-error`} className="field-error" aria-live="polite">
              {error ? translate(error) : ""}
            </p>
          </div>
        );
      })}
      <button
        type="submit"
        className={danger ? "button danger" : "button primary"}
        disabled={pending}
      >
        {submitLabel}
      </button>
      <p
        role="status"
        aria-live="polite"
        className={state.status === "error" ? "field-error" : "muted"}
      >
        {state.status === "error" && state.message ? translate(state.message) : ""}
        {state.status === "ok" ? successMessage : ""}
      </p>
    </form>
  );
}
