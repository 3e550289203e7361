// @ts-check
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { MAX_FORM_BODY_BYTES, PROXY_BODY_COPY_BYTES } from "./lib/api/body-limits.js";

/**
 * A function of the phase: the one thing that tells `next dev` from a production build for sure.
 * NODE_ENV is only a variable, and `next start` runs with whatever it is given (NODE_ENV=test once
 * turned the development login and its committed secret on in production).
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function nextConfig(phase) {
  const development = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // Inlined into the compiled code (lib/env.ts `buildMode`): a production build carries "production"
    // as a literal, so nothing in the environment of `next start` can make it believe it is in development.
    env: { AGORA_BUILD_MODE: development ? "development" : "production" },
    // PGlite loads its .wasm/.data files from its own package directory at run time: bundling it breaks
    // every request under webpack and copies ~15 MB into public assets under Turbopack.
    serverExternalPackages: ["@electric-sql/pglite"],
    // Essays, migrations, the database's functions and the PGlite worker's entry are read from disk at
    // run time; make sure serverless bundles carry them.
    outputFileTracingIncludes: {
      "/**": ["./content/essays/**", "./drizzle/**", "./db/functions/**", "./db/pglite-worker.mjs"],
    },
    poweredByHeader: false,
    // The proxy sees requests as they came: with the RSC headers and `_rsc` query Next strips by
    // default, so the signed-out page cache (lib/page-cache/anonymous-pages.ts) never answers a client
    // navigation's RSC request with a page's HTML.
    skipProxyUrlNormalize: true,
    // Metadata resolves before the page streams, for every browser, not only for the bots Next lists:
    // streamed after an async generateMetadata, <title> and <meta> land in <body> (invalid HTML, and a
    // tab without a title until it arrives). The pages' metadata reads what the page reads anyway.
    htmlLimitedBots: /.*/,
    experimental: {
      // A server action's body is refused past the size of the largest real form (Next's default: 1 MB).
      serverActions: { bodySizeLimit: MAX_FORM_BODY_BYTES },
      // With a proxy, Next keeps a copy of every request body for it (10 MB by default): see body-limits.js.
      proxyClientMaxBodySize: PROXY_BODY_COPY_BYTES,
    },
    // The headers that need no nonce, on every response including build assets the proxy skips
    // (proxy.ts adds the Content-Security-Policy to everything else).
    async headers() {
      const headers = [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
        { key: "X-Frame-Options", value: "DENY" },
      ];
      if (!development) headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
      return [{ source: "/:path*", headers }];
    },
  };
}
