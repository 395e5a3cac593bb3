import { ComingSoon, comingSoonMetadata } from "@/components/coming-soon";

export const generateMetadata = () => comingSoonMetadata("stats");

export default function StatsPage() {
  return <ComingSoon section="stats" />;
}
