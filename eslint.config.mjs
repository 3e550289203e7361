import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The app never ships test or benchmark code.
    files: ["app/**", "components/**", "lib/**", "db/**", "proxy.ts", "instrumentation.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^@/(tests|support|bench)/", message: "Production code imports no test, support or bench code." }] },
      ],
    },
  },
  {
    // The benchmark and the shared harness run without the test suite: what both need lives in support/.
    files: ["bench/**", "support/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(@/|(\\.\\./)+)tests/", message: "Move what bench/ and tests/ share into support/." }] }],
    },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
