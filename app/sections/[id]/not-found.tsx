import { PageNotFound } from "@/components/ui/page-not-found";

export default function NotFound() {
  return <PageNotFound what="Discussion" explanation="There is no section with this id. It may have been renamed, or the link may be mistyped." />;
}
