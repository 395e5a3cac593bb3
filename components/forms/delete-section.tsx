import type { FormState } from "@/lib/server/form-state";
import { ActionButton } from "./action-button";

/**
 * A page's "delete this" section: what deleting does, and a red button that asks first.
 * The dialog repeats the explanation so the choice is made knowing it.
 */
export function DeleteSection({
  id,
  heading,
  explanation,
  action,
  values,
  label,
  confirmTitle,
  cancelLabel,
  errors,
}: {
  /** Id of the heading the section is labelled by (also a link target). */
  id: string;
  heading: string;
  explanation: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  values: Record<string, string>;
  label: string;
  confirmTitle: string;
  cancelLabel: string;
  errors: Record<string, string>;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <div className="card">
        <p className="muted">{explanation}</p>
        <ActionButton
          action={action}
          values={values}
          label={label}
          danger
          errors={errors}
          confirm={{ title: confirmTitle, body: explanation, confirmLabel: label, cancelLabel }}
        />
      </div>
    </section>
  );
}
