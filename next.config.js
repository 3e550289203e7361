// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its .wasm/.data files from its own package directory at run time: bundling it breaks
  // every request under webpack and copies ~15 MB into public assets under Turbopack.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Essays and migrations are read from disk at run time; make sure serverless bundles carry them.
  outputFileTracingIncludes: {
    "/**": ["./content/essays/**", "./drizzle/**"],
  },
  poweredByHeader: false,
};

export default nextConfig;
