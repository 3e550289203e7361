import { MAX_FORM_BODY_BYTES } from "./body-limits";

/**
 * True when a request to a page (a server action's form post) carries more than MAX_FORM_BODY_BYTES.
 * Next refuses such an action itself, but with a 500; the proxy answers 413 first. A declared
 * Content-Length decides at once; a chunked body is counted from the proxy's copy, which Next keeps
 * to PROXY_BODY_COPY_BYTES (so counting it is bounded too) and cuts well past this limit.
 */
export async function exceedsFormBodyLimit(request: Request): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > MAX_FORM_BODY_BYTES;
  if (!request.body) return false;
  const reader = request.body.getReader();
  for (let size = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > MAX_FORM_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return true;
    }
  }
}

/** The small page a too-large form post gets (a browser shows it; a script reads the status). */
export function formBodyTooLargeResponse(): Response {
  const kib = MAX_FORM_BODY_BYTES / 1024;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Too large · Agora</title><h1>That was too large</h1><p>A form may send at most ${kib} KiB. <a href="/">Back to the essay</a></p></html>`;
  return new Response(html, { status: 413, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
