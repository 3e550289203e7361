// Runs once when a server process starts (not during `next build`): fail fast and clearly on a bad
// environment or a bad essay file, instead of answering 500s later.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateStartup } = await import("./lib/startup");
  validateStartup();
}
