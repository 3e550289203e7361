"use client";

import { useActionState, useMemo } from "react";
import { useHydrated } from "@/components/comments/use-hydrated";
import { IDLE, type FormState } from "@/lib/form-actions/form-state";
import { withOfflineMessage } from "./form-errors";

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * useActionState for a server action, progressively enhanced: server-rendered (and without
 * JavaScript) the form posts to the server action itself; once hydrated, a network failure comes
 * back as the offline message instead of an error page.
 */
export function useFormAction(serverAction: Action) {
  const hydrated = useHydrated();
  const guarded = useMemo(() => withOfflineMessage(serverAction), [serverAction]);
  return useActionState(hydrated ? guarded : serverAction, IDLE);
}
