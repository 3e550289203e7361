import type { ErrorCode } from "@/lib/errors";

/** What a form's server action returns to `useActionState`: shown next to the fields and announced. */
export interface FormState {
  status: "idle" | "ok" | "error";
  message?: string;
  code?: ErrorCode;
  /** Field name → what is wrong with it. */
  fieldErrors?: Record<string, string>;
  /** What the action made, for the client to use (e.g. a new comment's id, to move focus to it). */
  data?: Record<string, string | number | boolean>;
  /** Changes on every submission, so a client can tell two identical results apart. */
  at?: number;
}

export const IDLE: FormState = { status: "idle" };

/** A server action a form posts to through `useActionState`; server components hand it to client forms as a prop. */
export type FormStateAction = (previous: FormState, formData: FormData) => Promise<FormState>;
