import { ComingSoon, comingSoonMetadata } from "@/components/coming-soon";

export const generateMetadata = () => comingSoonMetadata("decks");

export default function DecksPage() {
  return <ComingSoon section="decks" />;
}
