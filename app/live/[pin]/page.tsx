import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlayerScreen } from "@/components/live/player-screen";
import { PinSchema } from "@/lib/core/live/pin";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.live.joinTitle };
}

/**
 * /live/<pin> — the QR code's link. The page itself looks nothing up: the phone asks the API,
 * where wrong PINs are counted per address, then joins or rejoins (its cookie) and plays.
 */
export default async function LivePlayerPage({ params }: { params: Promise<{ pin: string }> }) {
  const pin = PinSchema.safeParse((await params).pin);
  if (!pin.success) notFound();
  const { t } = await getMessages();
  return (
    <div className="narrow">
      <PlayerScreen pin={pin.data} signedIn={(await getCurrentUser()) !== null} t={t.live} />
    </div>
  );
}
