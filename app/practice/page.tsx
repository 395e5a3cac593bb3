import { ComingSoon, comingSoonMetadata } from "@/components/coming-soon";

export const generateMetadata = () => comingSoonMetadata("practice");

export default function PracticePage() {
  return <ComingSoon section="practice" />;
}
