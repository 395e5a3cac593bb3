import type { Metadata } from "next";
import { PinForm } from "@/components/live/pin-form";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.live.joinTitle };
}

/** /live — a player types the PIN from the projector (no account needed). */
export default async function LiveJoinPage() {
  const { t } = await getMessages();
  return (
    <section className="narrow live-player">
      <h1>{t.live.joinTitle}</h1>
      <p className="muted">{t.live.joinLead}</p>
      <PinForm t={t.live} />
    </section>
  );
}
