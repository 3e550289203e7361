import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The address at the other end of a request's TCP connection, as a request header only this server
 * writes. A route handler or server action under `next start` cannot see the socket, and the one
 * header Next fills from it (X-Forwarded-For) it fills only when the client sent none — so a client's
 * own value arrives unchanged and looks the same. Node publishes every incoming request on the
 * `http.server.request.start` diagnostics channel before any listener (Next's included) sees it; the
 * subscriber writes the socket's address into this header there, overwriting whatever a client sent
 * under that name.
 */
export const PEER_ADDRESS_HEADER = "x-agora-peer-address";

// On globalThis, not in this module: instrumentation.ts and the route bundles each get their own copy
// of a module, but share the process's global object.
const RECORDING = Symbol.for("agora.peer-address.recording");
type WithFlag = typeof globalThis & { [RECORDING]?: boolean };

/** Starts recording each request's peer address (once per process; from instrumentation.ts). */
export function recordPeerAddresses(): void {
  const global = globalThis as WithFlag;
  if (global[RECORDING]) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  global[RECORDING] = true;
}

/**
 * Whether this process records peer addresses. When it does not (another server than `next start`,
 * a script), the header may have come from a client, and is not to be believed.
 */
export function peerAddressesRecorded(): boolean {
  return (globalThis as WithFlag)[RECORDING] === true;
}
