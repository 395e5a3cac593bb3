import { JoinFlow } from "@/components/classes/join-flow";
import { getMessages } from "@/lib/i18n/server";
import { getAccountOverview } from "@/lib/server/auth/account-queries";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";

/** /join and /join/<code>: the same page, with the code from the link when there is one. */
export async function JoinPage({ code }: { code: string | null }) {
  const { t } = await getMessages();
  const user = await getCurrentUser();
  const account = user ? await getAccountOverview(db, { userId: user.id }) : null;
  return (
    <section className="narrow">
      <h1>{t.join.title}</h1>
      <p className="muted">{t.join.lead}</p>
      <JoinFlow
        initialCode={code}
        signedIn={user !== null}
        accountName={account?.name ?? null}
        t={t.join}
      />
    </section>
  );
}
