import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ValidatedForm } from "@/components/forms/validated-form";
import { getMessages } from "@/lib/i18n/server";
import { enabledOAuthProviders } from "@/lib/server/auth/auth";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { login, signInWith } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.auth.loginTitle };
}

type Props = { searchParams: Promise<{ reason?: string; next?: string; error?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { t } = await getMessages();
  if (await getCurrentUser()) redirect("/account");
  const { reason, error } = await searchParams;
  const providers = enabledOAuthProviders();
  return (
    <section className="narrow">
      <h1>{t.auth.loginTitle}</h1>
      {reason === "password-changed" && (
        <p className="card" role="status">
          {t.auth.passwordChanged}
        </p>
      )}
      {error && (
        <p className="card" role="alert">
          {t.auth.oauthFailed}
        </p>
      )}
      <ValidatedForm
        id="login"
        schema="login"
        action={login}
        submitLabel={t.auth.login}
        t={t.forms}
        fields={[
          { name: "email", label: t.auth.email, type: "email", autoComplete: "email" },
          {
            name: "password",
            label: t.auth.password,
            type: "password",
            autoComplete: "current-password",
          },
        ]}
      />
      {providers.length > 0 && (
        <div className="card">
          <p>{t.auth.orWith}</p>
          {providers.map((p) => (
            <form key={p.id} action={signInWith}>
              <input type="hidden" name="provider" value={p.id} />
              <button type="submit" className="button">
                {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
      <p>
        {t.auth.noAccount} <Link href="/register">{t.auth.register}</Link>
      </p>
    </section>
  );
}
