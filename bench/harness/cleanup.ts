/**
 * What the run must undo however it ends (servers it started, databases it created), last in first
 * out. Ctrl-C runs it too, so an interrupted benchmark leaves no server on a port and no database behind.
 */
const steps: { label: string; undo: () => Promise<void> }[] = [];

export function onCleanup(label: string, undo: () => Promise<void>): () => Promise<void> {
  const step = { label, undo };
  steps.push(step);
  return async () => {
    const index = steps.indexOf(step);
    if (index >= 0) steps.splice(index, 1);
    await undo();
  };
}

export async function cleanUpAll(): Promise<void> {
  while (steps.length > 0) {
    const step = steps.pop()!;
    await step.undo().catch((error) => console.error(`cleanup: ${step.label}: ${(error as Error).message}`));
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanUpAll().finally(() => process.exit(130));
  });
}
