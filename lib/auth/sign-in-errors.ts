// next-auth's error codes (?error=…) in words a reader understands.
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That name could not be used to sign in. Use 1 to 40 characters.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method. Use the one you used before.",
  EmailSignin: "We could not send the sign-in email. Check the address and try again.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is not configured correctly on this server. Please tell its operator.",
  SessionRequired: "Sign in to see that page.",
};

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Sign-in did not work. Please try again.";
}
