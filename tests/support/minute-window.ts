/** Fixed one-minute rate-limit windows: start a burst early enough in one that it cannot straddle two. */
export async function awaitFreshMinuteWindow(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
}
