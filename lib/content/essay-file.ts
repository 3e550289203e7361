import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { essaySlugSchema } from "@/lib/identifiers";
import { ContentError } from "./content-error";
import { essayFrontMatterSchema } from "./front-matter";
import { headingPlainText, parseMarkdown, renderAuthorInline, renderAuthorMarkdown, splitIntoSections, wordCount } from "./markdown";

export interface EssaySection {
  id: string;
  essaySlug: string;
  /** Plain text, struck-through words left out: for the table of contents, titles and the API. */
  title: string;
  /** The heading as the author wrote it (strikethrough kept), as HTML; null for the introduction. */
  titleHtml: string | null;
  /** 1 for the introduction and `#` headings, 2 for `##` headings. */
  level: number;
  position: number;
  html: string;
}

export interface EssayProposal {
  id: string;
  essaySlug: string;
  sectionId: string;
  title: string;
  summary: string;
  position: number;
}

export interface Essay {
  slug: string;
  title: string;
  date: string;
  tags: string[];
  draft: boolean;
  home: boolean;
  description: string | null;
  readingMinutes: number;
  sections: EssaySection[];
  proposals: EssayProposal[];
}

const WORDS_PER_MINUTE = 230;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Parses one essay file (Hugo front matter + Markdown). `file` names it in error messages. */
export function parseEssayFile(file: string, source: string): Essay {
  const slug = file.replace(/^.*\//, "").replace(/\.md$/, "");
  if (!essaySlugSchema.safeParse(slug).success) throw new ContentError(file, "file name", "must be lowercase words joined by hyphens");

  const match = FRONT_MATTER.exec(source);
  if (!match) throw new ContentError(file, "front matter", "the file must start with a --- YAML block ---");
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? "");
  } catch (error) {
    throw new ContentError(file, "front matter", `invalid YAML: ${(error as Error).message}`);
  }
  const parsed = essayFrontMatterSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue(file, parsed.error);
  const meta = parsed.data;

  const body = source.slice(match[0].length);
  const parts = splitIntoSections(parseMarkdown(body));
  const ids = meta.agora.sections;
  if (parts.length !== ids.length) {
    const headings = parts.filter((part) => part.heading).length;
    const intro = parts.length - headings;
    throw new ContentError(
      file,
      "agora.sections",
      `lists ${ids.length} ids but the essay has ${parts.length} sections (${intro} before the first heading, ${headings} headings)`,
    );
  }
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new ContentError(file, "agora.sections", `"${duplicate}" is listed twice`);

  const sections = parts.map((part, position): EssaySection => {
    const id = ids[position] as string;
    return {
      id,
      essaySlug: slug,
      title: part.heading ? headingPlainText(part.heading) : "Introduction",
      titleHtml: part.heading ? renderAuthorInline(part.heading.children) : null,
      level: part.heading ? part.heading.depth : 1,
      position,
      html: renderAuthorMarkdown(part.nodes),
    };
  });

  const proposals = meta.agora.proposals.map((proposal, position): EssayProposal => {
    if (!ids.includes(proposal.section)) {
      throw new ContentError(file, `agora.proposals.${position}.section`, `no section "${proposal.section}" in this essay (sections: ${ids.join(", ")})`);
    }
    return { id: proposal.id, essaySlug: slug, sectionId: proposal.section, title: proposal.title, summary: proposal.summary, position };
  });
  const proposalIds = proposals.map((proposal) => proposal.id);
  const duplicateProposal = proposalIds.find((id, index) => proposalIds.indexOf(id) !== index);
  if (duplicateProposal) throw new ContentError(file, "agora.proposals", `id "${duplicateProposal}" is used twice`);

  const words = wordCount(parts.flatMap((part) => (part.heading ? [part.heading, ...part.nodes] : part.nodes)));
  return {
    slug,
    title: meta.title,
    date: meta.date,
    tags: meta.tags,
    draft: meta.draft,
    home: meta.agora.home,
    description: meta.description ?? null,
    readingMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)),
    sections,
    proposals,
  };
}

function firstIssue(file: string, error: z.ZodError): ContentError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "front matter";
  return new ContentError(file, field, issue?.message ?? "invalid");
}
