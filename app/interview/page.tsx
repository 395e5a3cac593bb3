import { ComingSoon, comingSoonMetadata } from "@/components/coming-soon";

export const generateMetadata = () => comingSoonMetadata("interview");

export default function InterviewPage() {
  return <ComingSoon section="interview" />;
}
