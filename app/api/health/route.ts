// GET /api/health — is the app up and its database reachable; names the driver in use
import { getDatabase } from "@/db/client";
import { jsonResponse } from "@/lib/api/responses";
import { toAppError } from "@/lib/errors";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return jsonResponse(await checkHealth(getDatabase), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const { code, message } = toAppError(error);
    return jsonResponse(
      { ok: false, error: { code: code === "internal" ? "unavailable" : code, message } },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
