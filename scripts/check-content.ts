// npm run content:check — validates every essay file and prints what it found.
import { loadLibrary } from "../lib/content/essays";

try {
  const { essays, home } = loadLibrary();
  for (const essay of essays) {
    const marker = essay === home ? " (home)" : "";
    console.log(`${essay.slug}${marker}: ${essay.sections.length} sections, ${essay.proposals.length} proposals`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
