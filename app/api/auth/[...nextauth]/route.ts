// GET|POST /api/auth/* — next-auth: sign-in providers, callbacks, csrf, session, sign-out
import NextAuth from "next-auth";
import { getAuth } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(request as never, context as never, getAuth().options);
}

export { handler as GET, handler as POST };
