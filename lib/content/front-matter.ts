import { z } from "zod";
import { contentIdSchema } from "@/lib/identifiers";

// Hugo writes `date: 2024-12-16`; YAML 1.2 keeps that a string, older tools hand us a Date.
const publishedDateSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true }), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString() : value).slice(0, 10));

export const proposalFrontMatterSchema = z.strictObject({
  id: contentIdSchema,
  section: contentIdSchema,
  title: z.string().trim().min(1).max(120),
  summary: z.string().trim().min(1).max(400),
});

export const agoraFrontMatterSchema = z.strictObject({
  home: z.boolean().default(false),
  sections: z.array(contentIdSchema).min(1),
  proposals: z.array(proposalFrontMatterSchema).default([]),
});

// Hugo's own keys are kept as they are (loose object); Agora's live under `agora:`.
export const essayFrontMatterSchema = z.looseObject({
  title: z.string().trim().min(1),
  date: publishedDateSchema,
  draft: z.boolean().default(false),
  tags: z.array(z.string().trim().min(1)).default([]),
  description: z.string().optional(),
  agora: agoraFrontMatterSchema,
});

export type EssayFrontMatter = z.infer<typeof essayFrontMatterSchema>;
export type ProposalFrontMatter = z.infer<typeof proposalFrontMatterSchema>;
