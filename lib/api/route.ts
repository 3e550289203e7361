import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./responses";

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

/** Wraps a route handler so every thrown error becomes the shared JSON error shape. */
export function apiRoute<Context>(handler: (request: Request, context: Context) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** Reads a JSON body: 415 unless application/json, 413 past the limit, 400 if malformed or invalid. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.", [{ path: "(body)", message: "malformed JSON" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "body");
  return parsed.data;
}

/**
 * Reads a body sent as a form (application/x-www-form-urlencoded) or as JSON, as next-auth's endpoints
 * accept both: 415 otherwise, 413 past the limit, 400 if malformed or invalid.
 */
export async function readFormOrJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (JSON_TYPE.test(type)) return readJsonBody(request, schema, maxBytes);
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as a form (application/x-www-form-urlencoded) or as JSON.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(await readLimited(request, maxBytes))));
  if (!parsed.success) throw AppError.fromZod(parsed.error, "body");
  return parsed.data;
}

/** Like readJsonBody, but a request with no body at all (no Content-Type, nothing sent) is `{}`. */
export async function readOptionalJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const hasBody =
    request.headers.get("content-type") !== null || Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");
  if (hasBody) return readJsonBody(request, schema);
  const parsed = schema.safeParse({});
  if (!parsed.success) throw AppError.fromZod(parsed.error, "body");
  return parsed.data;
}

/** Parses a query string; invalid values are a 400 naming the parameter. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "query");
  return parsed.data;
}

/** Parses path parameters; an id that cannot exist is simply not found. */
export async function readParams<S extends z.ZodType>(params: Promise<unknown>, schema: S, what = "resource"): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await params);
  if (!parsed.success) throw new AppError("not_found", `No such ${what}.`);
  return parsed.data;
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // fatal: invalid UTF-8 is a client error, not something to store with replacement characters.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_input", "The body is not valid UTF-8.", [{ path: "(body)", message: "invalid UTF-8" }]);
  }
}

const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `The body is larger than ${maxBytes / 1024} KiB.`);
