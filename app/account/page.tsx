import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ValidatedForm } from "@/components/forms/validated-form";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getAccountOverview } from "@/lib/server/auth/account-queries";
import { db } from "@/lib/server/db";
import { logOut, removeAccount, savePassword, saveProfile, upgradeToTeacher } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.account.title };
}

export default async function AccountPage() {
  const { t } = await getMessages();
  const user = await getCurrentUser();
  if (!user) redirect("/login?next=/account");
  const account = await getAccountOverview(db, { userId: user.id });
  if (!account) redirect("/login");
  const roleName = account.role === "teacher" ? t.account.roles.teacher : t.account.roles.learner;

  return (
    <section className="narrow">
      <div className="page-title">
        <h1>{t.account.title}</h1>
        <form action={logOut}>
          <button type="submit" className="button small">
            {t.auth.signOut}
          </button>
        </form>
      </div>
      <p className="muted">
        {account.email} · {t.account.role}: <strong>{roleName}</strong>
      </p>

      <h2>{t.account.profile}</h2>
      <ValidatedForm
        id="profile"
        schema="profile"
        action={saveProfile}
        submitLabel={t.account.save}
        successMessage={t.account.saved}
        t={t.forms}
        fields={[
          {
            name: "name",
            label: t.account.displayName,
            defaultValue: account.name ?? "",
            autoComplete: "name",
          },
          {
            name: "locale",
            label: t.account.uiLanguage,
            type: "select",
            defaultValue: account.locale ?? "ru",
            options: [
              { value: "ru", label: "Русский" },
              { value: "en", label: "English" },
            ],
          },
          { name: "timeZone", label: t.account.timeZone, defaultValue: account.timeZone },
        ]}
      />
      <p>
        <Link href="/study/settings">{t.account.studySettings} →</Link>
      </p>

      {account.role === "teacher" && (
        <p>
          <Link href="/classes">{t.classes.teaching} →</Link>
        </p>
      )}
      {account.role !== "teacher" && (
        <form action={upgradeToTeacher} className="card">
          <p className="muted">{t.account.teacherNote}</p>
          <button type="submit" className="button">
            {t.account.becomeTeacher}
          </button>
        </form>
      )}

      <h2>{t.account.changePassword}</h2>
      <p className="muted">{t.account.changePasswordNote}</p>
      <ValidatedForm
        id="password"
        schema="changePassword"
        action={savePassword}
        submitLabel={t.account.changePassword}
        t={t.forms}
        fields={[
          {
            name: "currentPassword",
            label: t.account.currentPassword,
            type: "password",
            autoComplete: "current-password",
          },
          {
            name: "newPassword",
            label: t.account.newPassword,
            type: "password",
            autoComplete: "new-password",
            hint: t.auth.passwordHint,
          },
        ]}
      />

      <h2>{t.account.myData}</h2>
      <p>
        <a className="button" href="/api/account/export" download>
          {t.account.download}
        </a>{" "}
        <a className="button" href="/api/account/reviews.csv" download>
          {t.account.reviewHistory}
        </a>
      </p>

      <h2>{t.account.deleteTitle}</h2>
      <p className="muted">{t.account.deleteNote}</p>
      <ValidatedForm
        id="delete"
        schema="deleteAccount"
        action={removeAccount}
        submitLabel={t.account.delete}
        t={t.forms}
        danger
        fields={[
          {
            name: "confirmEmail",
            label: t.account.confirmEmail,
            type: "email",
            autoComplete: "off",
          },
        ]}
      />
    </section>
  );
}
