// Runs once when a server process starts (not during `next build`): fail fast and clearly on a bad
// environment or a bad essay file, instead of answering 500s later; and start recording each
// request's peer address, which rate limits key on (lib/peer-address.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recordPeerAddresses } = await import("./lib/peer-address");
  recordPeerAddresses();
  const { validateStartup } = await import("./lib/startup");
  validateStartup();
}
