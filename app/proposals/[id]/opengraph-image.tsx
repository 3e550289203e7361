import { notFound } from "next/navigation";
import { ImageResponse } from "next/og";
import { getDb } from "@/db/client";
import { proposalResult } from "@/lib/results/proposal-results";
import { MIN_RELIABLE_N } from "@/lib/stats/format";
import { getProposal } from "@/lib/votes/queries";
import { STANCES } from "@/lib/votes/stances";

export const alt = "A proposal on Agora and how readers voted";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

const COLORS: Record<number, string> = { [-2]: "#b2182b", [-1]: "#ef8a62", 0: "#999999", 1: "#67a9cf", 2: "#2166ac" };

/**
 * A proposal's link-preview card with its current result (and its uncertainty). An unknown id is a
 * 404, not a card: rendering a PNG costs real CPU, and any id would otherwise get one.
 */
export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const proposal = await getProposal(await getDb(), id, null);
  if (!proposal) notFound();
  const result = proposalResult(proposal);
  const line = result.sentence ? `${result.sentence}${result.n < MIN_RELIABLE_N ? " · too early to tell" : ""}` : "No votes yet — be the first";
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: "#fbfaf7",
        color: "#1d1d1f",
      }}
    >
      <div style={{ fontSize: 30, fontWeight: 700, color: "#0b5cad" }}>Agora · Proposal</div>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ fontSize: 68, fontWeight: 700, lineHeight: 1.1 }}>{proposal.title}</div>
        <div style={{ fontSize: 36, marginTop: 24 }}>{line}</div>
      </div>
      <div style={{ display: "flex", height: 36, borderRadius: 18, overflow: "hidden", background: "#dedbd2" }}>
        {result.n > 0 &&
          STANCES.map((stance) => {
            const count = result.tally.counts[String(stance) as keyof typeof result.tally.counts];
            return count > 0 ? <div key={stance} style={{ flexGrow: count, background: COLORS[stance] }} /> : null;
          })}
      </div>
    </div>,
    size,
  );
}
