import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { benchRoutesEnabled } from "@/lib/bench/floor-routes";

// The benchmark's trivial dynamic page: the same root layout as every page and nothing else, rendered
// per request. Its figures are the floor Agora's pages are compared with. 404 unless AGORA_BENCH_ROUTES=1.

export const metadata: Metadata = { title: "Benchmark floor", robots: { index: false } };

export default async function BenchFloorPage() {
  await connection();
  if (!benchRoutesEnabled()) notFound();
  return <p>Benchmark floor.</p>;
}
