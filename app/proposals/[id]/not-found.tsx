import { PageNotFound } from "@/components/ui/page-not-found";

export default function NotFound() {
  return <PageNotFound what="Proposal" explanation="There is no proposal with this id. It may have been withdrawn, or the link may be mistyped." />;
}
