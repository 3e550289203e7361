// Renders comment bodies in a worker thread started with a deliberately small stack (see
// tests/support/small-stack.ts): anything that recurses once per nesting level throws RangeError here.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { renderCommentMarkdown } = await tsImport(workerData.module, import.meta.url);
const failures = [];
for (const body of workerData.bodies) {
  try {
    renderCommentMarkdown(body);
  } catch (error) {
    if (error?.name !== "MarkdownLimitError") failures.push({ start: body.slice(0, 60), length: body.length, error: `${error?.name}: ${error?.message}` });
  }
}
parentPort.postMessage(failures);
