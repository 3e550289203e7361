import type { ReactNode } from "react";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";

/** What a page says while its database is unreachable: rendered on the server, so it shows at once. */
export function UnavailableNotice({ what = "This page" }: { what?: string }) {
  return (
    <div className="essay" role="alert">
      <h1>Temporarily unavailable</h1>
      <p>{what} is unavailable for a moment because our database cannot be reached. Nothing you saved is lost; please try again shortly.</p>
    </div>
  );
}

/** Renders `page`, or the notice when the database is down; any other error propagates as usual. */
export async function renderOrUnavailable(page: () => Promise<ReactNode>, what?: string): Promise<ReactNode> {
  try {
    return await page();
  } catch (error) {
    if (isDatabaseUnavailable(error) || (error instanceof AppError && error.code === "unavailable")) return <UnavailableNotice what={what} />;
    throw error;
  }
}
