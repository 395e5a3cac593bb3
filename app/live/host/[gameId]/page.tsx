import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostScreen } from "@/components/live/host-screen";
import { LiveGameIdSchema } from "@/lib/core/live/api-schemas";
import { getMessages } from "@/lib/i18n/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { joinLinkQrSvg } from "@/lib/server/live/qr";
import { readHostSnapshot } from "@/lib/server/live/view";
import { orNotFound } from "@/lib/server/not-found";
import { requestOrigin } from "@/lib/server/request";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.live.host.title };
}

/**
 * /live/host/<id> — the host's projector screen. Only the host sees it (anyone else, signed in
 * or not, gets the 404 page); it starts from the same snapshot the event stream sends, so a
 * reload or another laptop of the same host lands on the screen the game is at.
 */
export default async function LiveHostPage({ params }: { params: Promise<{ gameId: string }> }) {
  const id = LiveGameIdSchema.safeParse((await params).gameId);
  const user = await getCurrentUser();
  if (!id.success || !user) notFound();
  const { t } = await getMessages();
  const snapshot = await orNotFound(
    readHostSnapshot(db, { gameId: id.data, hostUserId: user.id, now: new Date() }),
  );
  const joinUrl = `${await requestOrigin()}/live/${snapshot.pin ?? ""}`;
  const qrSvg = snapshot.pin ? await joinLinkQrSvg(joinUrl) : "";
  return <HostScreen initial={snapshot} joinUrl={joinUrl} qrSvg={qrSvg} t={t.live} />;
}
