import { PageNotFound } from "@/components/ui/page-not-found";

export default function NotFound() {
  return <PageNotFound what="Page" explanation="There is nothing at this address. It may have moved, or the link may be mistyped." />;
}
