import type { Metadata } from "next";
import Link from "next/link";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  return (
    <div className="auth-page">
      <h1>Sign-in did not work</h1>
      <p role="alert">{signInErrorMessage(typeof error === "string" ? error : "")}</p>
      <p>
        <Link href="/signin">Try again</Link> or <Link href="/">go back to the essay</Link>.
      </p>
    </div>
  );
}
