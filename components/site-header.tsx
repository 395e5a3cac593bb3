import Link from "next/link";
import type { Locale, Messages } from "@/lib/i18n/locales";
import { LOCALES } from "@/lib/i18n/locales";
import { setLocale } from "@/lib/i18n/set-locale-action";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { NavLinks } from "./nav-links";

export async function SiteHeader({ locale, t }: { locale: Locale; t: Messages }) {
  const user = await getCurrentUser();
  const items = [
    { href: "/study", label: t.nav.study },
    { href: "/practice", label: t.nav.practice },
    { href: "/interview", label: t.nav.interview },
    { href: "/decks", label: t.nav.decks },
    { href: "/stats", label: t.nav.stats },
    { href: "/classes", label: t.nav.classes },
  ];
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        PodDeck
      </Link>
      <NavLinks items={items} label={t.nav.label} />
      <Link className="account-link" href={user ? "/account" : "/login"}>
        {user ? user.name || user.email : t.auth.signIn}
      </Link>
      <form action={setLocale} className="language-switch" aria-label={t.language.label}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            aria-pressed={l === locale}
            lang={l}
          >
            {l.toUpperCase()}
            <span className="visually-hidden"> {t.language[l]}</span>
          </button>
        ))}
      </form>
    </header>
  );
}
