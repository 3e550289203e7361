// @ts-check
// Plain JavaScript so that next.config.js (which Next loads without compiling TypeScript) and the
// proxy share one number.

/**
 * The largest request body a page accepts: a server action's form. The biggest real one is a comment,
 * 5,000 characters of up to 4 bytes of UTF-8 (20,000 bytes) plus the action's own fields, so 32 KiB;
 * the JSON API allows 16 KiB (MAX_JSON_BODY_BYTES). Next's default for server actions is 1 MB, and the
 * proxy would buffer up to 10 MB of any body.
 */
export const MAX_FORM_BODY_BYTES = 32 * 1024;

/**
 * How much of a request body Next copies for the proxy (and then hands the route): 10 MB by default,
 * per request. Past it Next cuts the body at a chunk boundary below it (not at the limit), so it must
 * sit a few socket reads (64 KiB each) above MAX_FORM_BODY_BYTES: whatever is cut is then still too
 * long, and refused as such, never shortened into something that looks whole.
 */
export const PROXY_BODY_COPY_BYTES = 256 * 1024;
