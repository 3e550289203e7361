import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireAdmin, requireWriter } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/users";
import { toAppError } from "@/lib/errors";
import type { FormState } from "./form-state";

type Access = "public" | "writer" | "admin";

/**
 * The one wrapper every server action goes through: parse the form with zod, check the actor with
 * the same guard as the API, run one domain function, and turn user mistakes into a FormState
 * instead of an exception (a redirect still propagates).
 */
export function formAction<S extends z.ZodType, A extends Access>(
  access: A,
  schema: S,
  run: (input: z.infer<S>, actor: A extends "public" ? null : Actor) => Promise<string | void | Pick<FormState, "message" | "data">>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    try {
      const actor = access === "admin" ? await requireAdmin() : access === "writer" ? await requireWriter() : null;
      const parsed = schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
        return { status: "error", code: "invalid_input", message: Object.values(fieldErrors)[0], fieldErrors, at: Date.now() };
      }
      const result = await run(parsed.data, actor as A extends "public" ? null : Actor);
      const { message, data } = typeof result === "object" ? result : { message: result ?? undefined, data: undefined };
      return { status: "ok", message, data, at: Date.now() };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      const appError = toAppError(error);
      const fieldErrors = appError.issues ? Object.fromEntries(appError.issues.map((issue) => [issue.path.split(".")[0] ?? "form", issue.message])) : undefined;
      return { status: "error", code: appError.code, message: appError.message, fieldErrors, at: Date.now() };
    }
  };
}
