import { Worker } from "node:worker_threads";

export interface StackFailure {
  start: string;
  length: number;
  error: string;
}

/**
 * Renders each body with lib/comments/markdown.ts in a worker whose stack is `stackSizeMb` (Node's
 * default is ~1 MB): the failures other than a MarkdownLimitError (a refusal), typically RangeError.
 */
export async function renderInSmallStack(bodies: string[], stackSizeMb: number): Promise<StackFailure[]> {
  const worker = new Worker(new URL("./small-stack-render.mjs", import.meta.url), {
    workerData: { module: new URL("../../lib/comments/markdown.ts", import.meta.url).href, bodies },
    resourceLimits: { stackSizeMb },
  });
  try {
    return await new Promise<StackFailure[]>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the worker exited with ${code} before answering`)));
    });
  } finally {
    await worker.terminate();
  }
}
