import { ComingSoon, comingSoonMetadata } from "@/components/coming-soon";

export const generateMetadata = () => comingSoonMetadata("study");

export default function StudyPage() {
  return <ComingSoon section="study" />;
}
