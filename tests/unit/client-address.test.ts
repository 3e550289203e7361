import { describe, expect, it } from "vitest";
import { addressKey, clientAddressKey } from "@/lib/client-address";
import { PEER_ADDRESS_HEADER, peerAddressesRecorded, recordPeerAddresses } from "@/lib/peer-address";

const direct = { trustedProxyHops: 0, vercel: false };
const headers = (values: Record<string, string>) => new Headers(values);

describe("a client's address for rate limits", () => {
  // First, before this process records peer addresses: a header of that name is a client's own.
  it("believes no peer header in a process that does not record one", () => {
    expect(peerAddressesRecorded()).toBe(false);
    expect(clientAddressKey(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" }), direct)).toBe("unknown");
  });

  it("is the socket's peer with no proxy in front, whatever X-Forwarded-For says", () => {
    recordPeerAddresses();
    expect(clientAddressKey(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1, 198.51.100.2" }), direct)).toBe("203.0.113.9");
    expect(clientAddressKey(headers({ [PEER_ADDRESS_HEADER]: "::ffff:203.0.113.9" }), direct)).toBe("203.0.113.9");
  });

  it("counts proxies from the right: each one's entry, never the client's own", () => {
    const chain = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "1.1.1.1, 203.0.113.9, 10.0.0.1" });
    expect(clientAddressKey(chain, { trustedProxyHops: 1, vercel: false })).toBe("10.0.0.1");
    expect(clientAddressKey(chain, { trustedProxyHops: 2, vercel: false })).toBe("203.0.113.9");
    // A chain shorter than the hops configured (the request skipped a proxy): its left-most entry.
    expect(clientAddressKey(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.9" }), { trustedProxyHops: 2, vercel: false })).toBe("203.0.113.9");
  });

  it("on Vercel is the address its edge sets", () => {
    const vercel = { trustedProxyHops: 0, vercel: true };
    expect(clientAddressKey(headers({ "x-vercel-forwarded-for": "203.0.113.9", "x-forwarded-for": "198.51.100.1" }), vercel)).toBe("203.0.113.9");
    expect(clientAddressKey(headers({ "x-real-ip": "203.0.113.10" }), vercel)).toBe("203.0.113.10");
    expect(clientAddressKey(headers({}), vercel)).toBe("unknown");
  });

  it("takes IPv6 by its /64, strips ports and zones, and refuses what is no address", () => {
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("203.0.113.9:5123")).toBe("203.0.113.9");
    expect(addressKey("not an address")).toBeNull();
    expect(addressKey("")).toBeNull();
  });
});
