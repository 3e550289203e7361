import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { readTheme } from "@/lib/theme";
import { signOut } from "./signin/actions";
import { setTheme } from "./theme/actions";
import "./globals.css";

export const metadata: Metadata = {
  // Link previews need absolute image URLs: the configured public origin, else local development.
  metadataBase: new URL(process.env.AUTH_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000"),
  title: { default: "Agora", template: "%s · Agora" },
  description: "Read an essay section by section, discuss each section, and vote on its proposals.",
  openGraph: { siteName: "Agora", type: "website" },
  twitter: { card: "summary_large_image" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#16171a" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Reading the request makes every page render per request: the CSP nonce (proxy.ts) must reach
  // Next's scripts, and a prerendered page would carry none and not hydrate.
  await headers();
  const theme = await readTheme();
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="site-name">
            Agora
          </Link>
          <div className="header-tools">
            <ThemeToggle theme={theme} setTheme={setTheme} />
            <UserMenu signOut={signOut} />
          </div>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
