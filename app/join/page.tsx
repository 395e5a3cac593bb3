import type { Metadata } from "next";
import { getMessages } from "@/lib/i18n/server";
import { JoinPage } from "./join-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.join.title };
}

export default function JoinByCodePage() {
  return <JoinPage code={null} />;
}
