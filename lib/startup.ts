import { authConfigFromEnv, productionAuthProblems } from "./auth/config";
import { loadLibrary } from "./content/essays";
import { getEnv } from "./env";

/**
 * Checks what a server needs before it serves: the environment, sign-in configuration and every
 * essay file. A misconfigured server exits with the names of what is missing instead of answering 500s.
 */
export function validateStartup(): void {
  const problems: string[] = [];
  try {
    const env = getEnv();
    problems.push(...productionAuthProblems(env));
    if (env.NODE_ENV !== "development" && authConfigFromEnv(env).devLogin) {
      console.warn("\n⚠️  AUTH_DEV_LOGIN=1: anyone can sign in as anyone by typing a name. Never enable this on a public deployment.\n");
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    loadLibrary();
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) {
    console.error(`\nAgora cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\n`);
    process.exit(1);
  }
}
