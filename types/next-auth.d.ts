import type { Role } from "@/lib/auth/users";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; role: Role; image: string | null; banned: boolean };
  }
}
