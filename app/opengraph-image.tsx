import { ImageResponse } from "next/og";
import { getLibrary } from "@/lib/content/essays";

export const alt = "The essay on Agora";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

/** The link-preview card for the essay: its title, reading time and what readers can do. */
export default function Image() {
  const essay = getLibrary().home;
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
      <div style={{ fontSize: 32, fontWeight: 700, color: "#0b5cad" }}>Agora</div>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ fontSize: 76, fontWeight: 700, lineHeight: 1.1 }}>{essay.title}</div>
        <div style={{ fontSize: 32, marginTop: 24, color: "#5b5b63" }}>
          {`${essay.readingMinutes} min read · discuss each section · vote on ${essay.proposals.length} proposals`}
        </div>
      </div>
    </div>,
    size,
  );
}
