"use server";

import { cookies } from "next/headers";
import { THEME_COOKIE, themeSchema } from "@/lib/theme";

/** Remembers the reader's theme for a year. A plain form post: works without JavaScript too. */
export async function setTheme(formData: FormData): Promise<void> {
  const parsed = themeSchema.safeParse(formData.get("theme"));
  if (!parsed.success) return;
  (await cookies()).set(THEME_COOKIE, parsed.data, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true });
}
