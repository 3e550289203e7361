// npm run lighthouse — Lighthouse (mobile) on / and /results of a production server started here on a
// seeded embedded database; prints the four scores per page and writes bench/results/lighthouse.json.
import { spawnSync } from "node:child_process";
import { cleanUpAll, onCleanup } from "./harness/cleanup";
import { createPgliteDatabase } from "./harness/databases";
import { log } from "./harness/log";
import { startAgora } from "./harness/servers";
import { everyAuditedPage, runLighthouse } from "./measure/lighthouse";
import { writeLighthouse } from "./report/result-files";
import { seedDatabase } from "./seed/database";

try {
  if (!process.argv.includes("--skip-build")) {
    log("next build");
    const build = spawnSync("node_modules/.bin/next", ["build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status}).`);
  }
  const target = createPgliteDatabase();
  onCleanup("remove the PGlite directory", target.drop);
  await seedDatabase(target);
  const server = await startAgora(target);
  onCleanup("stop next start", server.stop);
  log(`lighthouse against ${server.url}`);
  const audits = await runLighthouse(server.url);
  const file = writeLighthouse({ date: new Date().toISOString(), source: "npm run lighthouse", ...audits });
  const { calibration } = audits;
  console.log(
    `\nCPU slowdown ${calibration?.cpuSlowdownMultiplier}× (Lighthouse benchmarkIndex ${calibration?.benchmarkIndex} on this machine; the mobile preset's 4× assumes 1,500–2,000)`,
  );
  console.log("\npage       Performance  Accessibility  Best Practices  SEO");
  for (const { path, scores, failing } of everyAuditedPage(audits)) {
    console.log(
      `${path.padEnd(10)} ${String(scores.performance).padStart(11)}  ${String(scores.accessibility).padStart(13)}  ${String(scores["best-practices"]).padStart(14)}  ${String(scores.seo).padStart(3)}`,
    );
    for (const item of failing) console.log(`           - ${item}`);
  }
  log(`wrote ${file}`);
} finally {
  await cleanUpAll();
}
