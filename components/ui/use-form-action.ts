"use client";

import { useActionState, useMemo } from "react";
import { useHydrated } from "@/components/comments/use-hydrated";
import { IDLE, type FormStateAction } from "@/lib/form-actions/form-state";
import { withOfflineMessage } from "./form-errors";

/**
 * useActionState for a server action, progressively enhanced: server-rendered (and without
 * JavaScript) the form posts to the server action itself; once hydrated, a network failure comes
 * back as the offline message instead of an error page.
 */
export function useFormAction(serverAction: FormStateAction) {
  const hydrated = useHydrated();
  const guarded = useMemo(() => withOfflineMessage(serverAction), [serverAction]);
  return useActionState(hydrated ? guarded : serverAction, IDLE);
}
