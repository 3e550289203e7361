import { AppError } from "@/lib/errors";

/** Why a write is refused for who is writing: one wording wherever the check runs (guard or SQL). */
export const unauthenticatedError = () => new AppError("unauthenticated", "Sign in to take part.");
export const bannedError = (reason: string) => new AppError("forbidden", `Your account is banned from taking part: ${reason}. You can still read.`);
