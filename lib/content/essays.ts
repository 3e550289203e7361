import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError } from "./content-error";
import { parseEssayFile, type Essay } from "./essay-file";

export type { Essay, EssayProposal, EssaySection } from "./essay-file";

export const ESSAYS_DIR = path.join(process.cwd(), "content", "essays");

export interface Library {
  essays: Essay[];
  home: Essay;
}

/**
 * Reads and validates every published essay under `dir`. Section and proposal ids are site-wide
 * (the API addresses `/api/sections/{id}` without an essay), so they must be unique across essays.
 */
export function loadLibrary(dir: string = ESSAYS_DIR): Library {
  // turbopackIgnore: these reads are not code to trace; next.config.js ships content/essays explicitly.
  const files = readdirSync(/* turbopackIgnore: true */ dir)
    .filter((name) => name.endsWith(".md"))
    .sort();
  const relative = (name: string) => path.posix.join("content/essays", name);
  const read = (name: string) => {
    const file = `${dir}/${name}`;
    return readFileSync(/* turbopackIgnore: true */ file, "utf8");
  };
  const essays = files.map((name) => parseEssayFile(relative(name), read(name))).filter((essay) => !essay.draft);
  if (essays.length === 0) throw new ContentError("content/essays", "files", "no published essay (*.md with draft: false)");

  const owners = new Map<string, string>();
  for (const essay of essays) {
    for (const [kind, ids] of [
      ["sections", essay.sections.map((s) => s.id)],
      ["proposals", essay.proposals.map((p) => p.id)],
    ] as const) {
      for (const id of ids) {
        const key = `${kind}:${id}`;
        const owner = owners.get(key);
        if (owner) throw new ContentError(relative(`${essay.slug}.md`), `agora.${kind}`, `id "${id}" is already used by ${owner}`);
        owners.set(key, relative(`${essay.slug}.md`));
      }
    }
  }

  const homes = essays.filter((essay) => essay.home);
  if (homes.length > 1) {
    throw new ContentError(relative(`${homes[1]!.slug}.md`), "agora.home", `only one essay can be home (${homes[0]!.slug} is)`);
  }
  // Without an explicit home, the newest essay is the one at "/".
  const home = homes[0] ?? [...essays].sort((a, b) => b.date.localeCompare(a.date))[0]!;
  return { essays, home };
}

let cached: Library | undefined;

/** The site's essays, read once per process in production and on every call in development. */
export function getLibrary(): Library {
  if (process.env.NODE_ENV !== "production") return loadLibrary();
  cached ??= loadLibrary();
  return cached;
}

export function getEssay(slug: string): Essay | null {
  return getLibrary().essays.find((essay) => essay.slug === slug) ?? null;
}

/** Where an essay is read: "/" for the home essay, else /essays/<slug>. */
export function essayPath(essay: Essay): string {
  return essay.slug === getLibrary().home.slug ? "/" : `/essays/${essay.slug}`;
}

/** The essay and section a proposal belongs to, for linking back to its context. */
export function findProposalContext(proposalId: string): { essay: Essay; section: Essay["sections"][number] } | null {
  for (const essay of getLibrary().essays) {
    const proposal = essay.proposals.find((candidate) => candidate.id === proposalId);
    const section = proposal && essay.sections.find((candidate) => candidate.id === proposal.sectionId);
    if (section) return { essay, section };
  }
  return null;
}
