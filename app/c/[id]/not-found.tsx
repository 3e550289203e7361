import { PageNotFound } from "@/components/ui/page-not-found";

export default function NotFound() {
  return (
    <PageNotFound what="Comment" explanation="There is no comment with this id. It may have been deleted along with its thread, or the link may be mistyped." />
  );
}
