import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ValidatedForm } from "@/components/forms/validated-form";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { register } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.auth.registerTitle };
}

export default async function RegisterPage() {
  const { t } = await getMessages();
  if (await getCurrentUser()) redirect("/account");
  return (
    <section className="narrow">
      <h1>{t.auth.registerTitle}</h1>
      <p className="muted">{t.auth.guestNote}</p>
      <ValidatedForm
        id="register"
        schema="register"
        action={register}
        submitLabel={t.auth.register}
        t={t.forms}
        fields={[
          { name: "email", label: t.auth.email, type: "email", autoComplete: "email" },
          {
            name: "password",
            label: t.auth.password,
            type: "password",
            autoComplete: "new-password",
            hint: t.auth.passwordHint,
          },
          { name: "name", label: t.auth.name, autoComplete: "name" },
        ]}
      />
      <p>
        {t.auth.haveAccount} <Link href="/login">{t.auth.login}</Link>
      </p>
    </section>
  );
}
