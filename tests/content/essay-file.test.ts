import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { parseEssayFile } from "@/lib/content/essay-file";
import { ESSAYS_DIR, loadLibrary } from "@/lib/content/essays";

const SEED_FILE = "content/essays/ai-and-the-coming-inequality.md";
const seed = readFileSync(path.join(ESSAYS_DIR, "ai-and-the-coming-inequality.md"), "utf8");
const essay = parseEssayFile(SEED_FILE, seed);

describe("the seed essay", () => {
  it("keeps its Hugo front matter", () => {
    expect(essay).toMatchObject({
      slug: "ai-and-the-coming-inequality",
      title: "AI and the coming inequality",
      date: "2024-12-16",
      tags: ["musings", "tech"],
      draft: false,
    });
  });

  it("splits into the ten sections with their public ids, headings and levels", () => {
    expect(essay.sections.map((s) => [s.id, s.title, s.level])).toEqual([
      ["introduction", "Introduction", 1],
      ["different-this-time", "It’s different this time", 1],
      ["winners-take-most", "Winners takes most", 1],
      ["haves-and-have-nots", "AI Haves and AI Have Nots", 1],
      ["geopolitics", "Geopolitical Ramifications", 1],
      ["what-should-we-do", "What should we do ?", 1],
      ["open-source", "Open Source", 2],
      ["government-action", "Government Action", 2],
      ["treaties", "Treaties to prevent AI in use of war", 2],
      ["finally", "Finally…", 1],
    ]);
    expect(essay.sections[0]!.html).toContain("A lot of focus thus far on AI has been on safety.");
    expect(essay.sections[9]!.html).toContain("toughest challenge facing AI thus far");
  });

  it("renders GitHub-flavoured strikethrough in the heading", () => {
    expect(essay.sections[2]!.titleHtml).toBe("<del>Winner</del> Winners takes <del>all</del> most");
  });

  it("opens external links safely", () => {
    const html = essay.sections.map((s) => s.html).join("");
    const links = html.match(/<a [^>]*>/g) ?? [];
    expect(links).toHaveLength(6); // the essay cites six sources
    for (const link of links) {
      expect(link).toContain('rel="noopener noreferrer"');
      expect(link).toContain('target="_blank"');
    }
  });

  it("attaches each proposal to its section, with a title and a summary", () => {
    expect(essay.proposals.map((p) => [p.id, p.sectionId])).toEqual([
      ["open-source", "open-source"],
      ["government-funding", "government-action"],
      ["treaties", "treaties"],
    ]);
    for (const proposal of essay.proposals) {
      expect(proposal.title.length).toBeGreaterThan(5);
      expect(proposal.summary).toMatch(/^[A-Z].+\.$/);
    }
  });

  it("estimates the reading time from its words", () => {
    expect(essay.readingMinutes).toBeGreaterThanOrEqual(5);
    expect(essay.readingMinutes).toBeLessThanOrEqual(9);
  });
});

describe("a bad essay file fails with the file and the field", () => {
  const broken = (from: string, to: string) => seed.replace(from, to);
  const expectError = (source: string, field: string, reason: RegExp) => {
    const attempt = () => parseEssayFile("content/essays/bad.md", source);
    expect(attempt).toThrow(ContentError);
    try {
      attempt();
    } catch (error) {
      expect((error as ContentError).field).toBe(field);
      expect((error as Error).message).toMatch(/^content\/essays\/bad\.md: /);
      expect((error as Error).message).toMatch(reason);
    }
  };

  it("a proposal naming a section that does not exist", () => {
    expectError(broken("section: treaties", "section: treaty"), "agora.proposals.2.section", /no section "treaty"/);
  });

  it("a section count that does not match the headings", () => {
    expectError(broken("    - finally\n", ""), "agora.sections", /lists 9 ids but the essay has 10 sections/);
  });

  it("a malformed id", () => {
    expectError(broken("    - geopolitics\n", "    - Geo Politics\n"), "agora.sections.4", /lowercase/);
  });

  it("a missing title", () => {
    expectError(broken('title: "AI and the coming inequality"\n', ""), "title", /expected string/i);
  });

  it("an unknown key under agora", () => {
    expectError(broken("  home: true\n", "  home: true\n  homepage: yes\n"), "agora", /homepage/);
  });

  it("no front matter at all", () => {
    expectError("# Just a heading\n", "front matter", /must start with/);
  });
});

describe("the library of essays", () => {
  it("takes any number of essays and rejects an id used by two of them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agora-essays-"));
    writeFileSync(path.join(dir, "ai-and-the-coming-inequality.md"), seed);
    const second = `---\ntitle: Second\ndate: 2025-01-01\nagora:\n  sections: [second-intro, second-part]\n---\nHello.\n\n# Part\n\nMore.\n`;
    writeFileSync(path.join(dir, "second-essay.md"), second);
    const library = loadLibrary(dir);
    expect(library.essays.map((e) => e.slug)).toEqual(["ai-and-the-coming-inequality", "second-essay"]);
    expect(library.home.slug).toBe("ai-and-the-coming-inequality");

    writeFileSync(path.join(dir, "second-essay.md"), second.replace("second-part", "finally"));
    expect(() => loadLibrary(dir)).toThrow(/content\/essays\/second-essay\.md: agora\.sections: id "finally" is already used/);
  });

  it("leaves drafts out", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agora-essays-"));
    writeFileSync(path.join(dir, "ai-and-the-coming-inequality.md"), seed);
    writeFileSync(path.join(dir, "draft.md"), `---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\nagora:\n  sections: [draft-intro]\n---\nSoon.\n`);
    expect(loadLibrary(dir).essays.map((e) => e.slug)).toEqual(["ai-and-the-coming-inequality"]);
  });
});
