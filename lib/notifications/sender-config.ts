import { createTransport } from "nodemailer";
import { authConfigFromEnv } from "@/lib/auth/config";
import type { Env } from "@/lib/env";
import type { SenderOptions } from "./sender";

/**
 * The email sender's options from the environment, or why there can be none. Mail goes through the
 * EMAIL_SERVER that already sends sign-in links; links in it point at AUTH_URL (never at a host a
 * request named); unsubscribe links are signed with AUTH_SECRET.
 */
export function senderOptionsFromEnv(env: Env): { options: SenderOptions } | { missing: string } {
  const config = authConfigFromEnv(env);
  if (!env.EMAIL_SERVER) return { missing: "EMAIL_SERVER is not set: notification emails are off." };
  if (!config.url) return { missing: "AUTH_URL is not set: notification emails need the app's public URL for their links." };
  if (!config.secret) return { missing: "AUTH_SECRET is not set: it signs the unsubscribe links." };
  return {
    options: {
      transport: createTransport(env.EMAIL_SERVER),
      from: env.EMAIL_FROM ?? `Agora <no-reply@${new URL(config.url).hostname}>`,
      siteUrl: new URL(config.url).origin,
      secret: config.secret,
      minIntervalSeconds: env.NOTIFY_EMAIL_MIN_INTERVAL,
    },
  };
}
