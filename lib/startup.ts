import { loadLibrary } from "./content/essays";
import { getEnv } from "./env";

/** Checks what a server needs before it serves: the environment and every essay file. Exits on error. */
export function validateStartup(): void {
  try {
    getEnv();
    loadLibrary();
  } catch (error) {
    console.error(`\nAgora cannot start.\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
