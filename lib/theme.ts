import { cookies } from "next/headers";
import { z } from "zod";

export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];
export const themeSchema = z.enum(THEMES);
export const THEME_COOKIE = "theme";

/**
 * The reader's theme, read on the server so <html data-theme> is right in the first byte: no flash
 * of the wrong theme, and no inline script (the Content-Security-Policy forbids one).
 */
export async function readTheme(): Promise<Theme> {
  const parsed = themeSchema.safeParse((await cookies()).get(THEME_COOKIE)?.value);
  return parsed.success ? parsed.data : "system";
}
