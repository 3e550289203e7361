import { isIP } from "node:net";
import { PEER_ADDRESS_HEADER, peerAddressesRecorded } from "./peer-address";

/** Where the app runs, as far as finding a client's address goes (`TRUSTED_PROXY_HOPS`, `VERCEL`). */
export interface ClientAddressOptions {
  /** Proxies of the operator's own in front of the app, each appending to X-Forwarded-For. */
  trustedProxyHops: number;
  /** On Vercel, whose edge sets the client's address itself and drops any the client sent. */
  vercel: boolean;
}

/**
 * The address a rate limit keys a request on: the one a party this server trusts saw, never one the
 * client chose. X-Forwarded-For is a list anyone can start: `next start` passes on a header the client
 * sent (it fills it from the socket only when absent), and a proxy appends to it (nginx's
 * $proxy_add_x_forwarded_for), so its left-most entry is whatever the client wrote. Only the
 * right-most entries are written by proxies, one each.
 *
 * So: on Vercel, the header its edge sets (x-vercel-forwarded-for, documented as not overwritten by a
 * proxy in front). Elsewhere, the chain X-Forwarded-For + the socket's own peer address, counted
 * `trustedProxyHops` from the right: 0 → the peer (no proxy: the client connects directly), 1 → the
 * address the one proxy saw (the entry it appended), and so on. A chain shorter than that (a request
 * that did not pass through every proxy) gives its left-most entry.
 *
 * The result is a key, not an address to show: IPv6 addresses are taken by their /64 network (one
 * host is commonly given a whole /64, so a fresh address per attempt costs an attacker nothing), and
 * an IPv4-mapped IPv6 address is its IPv4 address.
 */
export function clientAddressKey(requestHeaders: Headers, { trustedProxyHops, vercel }: ClientAddressOptions): string {
  if (vercel) {
    const edge = [requestHeaders.get("x-vercel-forwarded-for"), requestHeaders.get("x-real-ip"), requestHeaders.get("x-forwarded-for")];
    for (const value of edge) {
      const key = value ? addressKey(value.split(",")[0]!) : null;
      if (key) return key;
    }
    return UNKNOWN;
  }
  const forwarded = (requestHeaders.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Our own record of the socket's address (lib/peer-address.ts); without it, the peer is unknown
  // rather than taken from a header a client could have sent.
  const peer = peerAddressesRecorded() ? requestHeaders.get(PEER_ADDRESS_HEADER) : null;
  const chain = [...forwarded, peer ?? UNKNOWN];
  const entry = chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!;
  return addressKey(entry) ?? UNKNOWN;
}

const UNKNOWN = "unknown";

/** "203.0.113.7", "[2001:db8::1]:443", "::ffff:203.0.113.7" → a rate-limit key; null if not an address. */
export function addressKey(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":")); // IPv4 with a port
  value = value.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names an interface, not a host
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  const groups = expandIpv6(value);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (URL parsing turns a dotted IPv4 tail into two). */
function expandIpv6(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
