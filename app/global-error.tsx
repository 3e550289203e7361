"use client";

import { PageError } from "@/components/ui/page-error";

// When the root layout itself fails: the boundary must bring its own <html> and <body>.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <PageError {...props} what="Agora" />
        </main>
      </body>
    </html>
  );
}
