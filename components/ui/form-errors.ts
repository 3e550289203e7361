import type { ErrorCode } from "@/lib/errors";
import type { FormState } from "@/lib/form-actions/form-state";

export const OFFLINE_MESSAGE = "You seem to be offline. Check your connection and try again — nothing you typed is lost.";

/**
 * What a reader is told for each kind of failure, in one place for every form. Codes whose server
 * message is already specific and human (a too-long comment, a locked discussion, a ban with its
 * reason) keep it; the generic ones get words a reader can act on.
 */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  rate_limited: "You are going a little fast. Please wait a moment, then try again.",
  unauthenticated: "You have been signed out. Sign in again to take part.",
  payload_too_large: "That is too long to send. Please shorten it.",
  unavailable: "Agora cannot reach its database right now. Please try again in a moment.",
  internal: "Something went wrong on our side. Please try again.",
};

export function errorMessage(state: FormState): string | undefined {
  if (state.status !== "error") return undefined;
  return (state.code && MESSAGES[state.code]) ?? state.message ?? MESSAGES.internal;
}

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Wraps a server action for use once hydrated: a request that never reaches the server reads as offline. */
export function withOfflineMessage(action: Action): Action {
  return async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch (error) {
      // fetch() rejects with a TypeError when the network is down; anything else (a redirect) is not ours.
      if (error instanceof TypeError || (typeof navigator !== "undefined" && !navigator.onLine)) {
        return { status: "error", message: OFFLINE_MESSAGE, at: Date.now() };
      }
      throw error;
    }
  };
}
