// GET /notifications/open/{id} — opens a notification: marks it read and goes to the comment's
// permalink. A link, so it works without JavaScript and from a new tab; marking one's own
// notification read is the only effect, harmless if another site made the browser follow it.
import { z } from "zod";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/session";
import { markNotificationRead, notificationIdSchema } from "@/lib/notifications/inbox";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: notificationIdSchema });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const redirect = (path: string) => new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
  const parsed = paramsSchema.safeParse(await params);
  const reader = await getActor();
  if (!reader) return redirect(`/signin?callbackUrl=${encodeURIComponent("/notifications")}`);
  if (!parsed.success) return redirect("/notifications");
  try {
    const { commentId } = await markNotificationRead(await getDb(), reader.id, parsed.data.id);
    return redirect(`/c/${commentId}`);
  } catch {
    return redirect("/notifications"); // not this reader's, or gone
  }
}
