// Plain data, no zod: client components (the vote form) import this, so it must stay tiny.
export const STANCES = [-2, -1, 0, 1, 2] as const;
export type Stance = (typeof STANCES)[number];

export const STANCE_LABELS: Record<Stance, string> = {
  [-2]: "Strongly oppose",
  [-1]: "Oppose",
  0: "Unsure",
  1: "Support",
  2: "Strongly support",
};

/** How a stance reads beside a commenter's name: "Supports". */
export const STANCE_VERBS: Record<Stance, string> = {
  [-2]: "Strongly opposes",
  [-1]: "Opposes",
  0: "Unsure",
  1: "Supports",
  2: "Strongly supports",
};

export function isStance(value: unknown): value is Stance {
  return typeof value === "number" && (STANCES as readonly number[]).includes(value);
}
