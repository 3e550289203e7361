import http from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";

export interface PageWeight {
  path: string;
  status: number;
  /** Gzip bytes of the HTML document. */
  htmlBytes: number;
  /** Gzip bytes of every script the HTML loads (<script src>), each counted once. */
  scriptBytes: number;
  scripts: number;
}

/**
 * What a first visit to `path` transfers, gzip-compressed: the HTML and the scripts it loads. Next 16's
 * build no longer prints page sizes, so they are read from the page itself, as a browser would fetch it.
 */
export async function measurePageWeight(baseUrl: string, path: string): Promise<PageWeight> {
  const page = await getGzip(new URL(path, baseUrl));
  const html = page.text;
  const sources = new Set([...html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&")));
  let scriptBytes = 0;
  for (const source of sources) scriptBytes += (await getGzip(new URL(source, baseUrl))).gzipBytes;
  return { path, status: page.status, htmlBytes: page.gzipBytes, scriptBytes, scripts: sources.size };
}

/** GET asking for gzip; the body's size on the wire, or its gzip size if the server sent it plain. */
function getGzip(url: URL): Promise<{ status: number; gzipBytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const gzipped = response.headers["content-encoding"] === "gzip";
          const text = (gzipped ? gunzipSync(raw) : raw).toString("utf8");
          resolve({ status: response.statusCode ?? 0, gzipBytes: gzipped ? raw.length : gzipSync(raw).length, text });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}
