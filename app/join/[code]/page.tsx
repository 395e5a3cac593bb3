import type { Metadata } from "next";
import { getMessages } from "@/lib/i18n/server";
import { JoinPage } from "../join-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.join.title };
}

/** /join/<code>, the link a teacher hands out: the code is looked up (and limited) by /api/join. */
export default async function JoinByLinkPage({ params }: { params: Promise<{ code: string }> }) {
  // Only what could be a code reaches the form; the API has the last word on it.
  const code = (await params).code.slice(0, 64);
  return <JoinPage code={code} />;
}
