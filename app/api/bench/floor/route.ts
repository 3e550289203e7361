// GET /api/bench/floor — the benchmark's framework floor: a constant JSON answer (404 unless AGORA_BENCH_ROUTES=1)
import { errorResponse } from "@/lib/api/responses";
import { benchRoutesEnabled } from "@/lib/bench/floor-routes";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export function GET() {
  if (!benchRoutesEnabled()) return errorResponse(new AppError("not_found", "No such route."));
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
