import Link from "next/link";
import { getMessages } from "@/lib/i18n/server";

export default async function HomePage() {
  const { t } = await getMessages();
  return (
    <section className="hero">
      <h1>{t.home.title}</h1>
      <p className="lead">{t.home.lead}</p>
      <div className="actions">
        <Link className="button primary" href="/study">
          {t.home.start}
        </Link>
        <Link className="button" href="/decks">
          {t.home.decks}
        </Link>
      </div>
    </section>
  );
}
