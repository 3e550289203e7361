/**
 * Return addresses an attacker puts in `callbackUrl` to get a reader sent off-site after signing in,
 * as the server sees them (query decoding done). Each one leaves the site under some parser: browsers
 * drop tabs and newlines anywhere in a URL, read `\` as `/`, treat `//host` as another site, and
 * `https:host` against an http page as an absolute URL; fullwidth and other look-alike slashes are
 * there in case anything maps them to `/`.
 */
export function hostileCallbacks(appOrigin: string): string[] {
  const host = new URL(appOrigin).host;
  return [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    "/\t\\evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/\u0085/evil.example",
    " //evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "/%09/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:evil.example",
    "https://evil.example/",
    "HTTPS://EVIL.EXAMPLE",
    "https:\\\\evil.example",
    `http://${host}@evil.example/`,
    `http://${host}.evil.example/`,
    `//${host}@evil.example`,
    "／／evil.example",
    "/／evil.example",
    "＼＼evil.example",
    "%EF%BC%8F%EF%BC%8Fevil.example",
    "/%EF%BC%8F/evil.example",
    "\u2215\u2215evil.example",
    "\u2044\u2044evil.example",
    "\u200b//evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
  ];
}

/** Where a browser goes when it follows `location` from a page of `appOrigin` (Node's URL is the WHATWG parser browsers use). */
export function originReached(location: string, appOrigin: string): string {
  return new URL(location, appOrigin).origin;
}
