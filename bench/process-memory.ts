import { readdirSync, readFileSync } from "node:fs";

/** Resident memory (MB) of a process and all its descendants, from /proc; null once it is gone. */
export function treeRssMb(rootPid: number): number | null {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentPid(Number(entry));
    if (ppid !== null) parents.set(Number(entry), ppid);
  }
  if (!parents.has(rootPid)) return null;
  let totalKb = 0;
  for (const pid of parents.keys()) {
    if (isDescendant(pid, rootPid, parents)) totalKb += vmRssKb(pid);
  }
  return totalKb / 1024;
}

/** Samples a process tree's memory in the background; `stop()` answers the peak seen. */
export function sampleRss(rootPid: number, everyMs = 250): { stop(): number | null } {
  let peak: number | null = null;
  const take = () => {
    const rss = treeRssMb(rootPid);
    if (rss !== null) peak = Math.max(peak ?? 0, rss);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

function parentPid(pid: number): number | null {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return null; // exited while we looked
  }
}

function isDescendant(pid: number, rootPid: number, parents: Map<number, number>): boolean {
  for (let current: number | undefined = pid, hops = 0; current !== undefined && hops < 64; hops++) {
    if (current === rootPid) return true;
    current = parents.get(current);
  }
  return false;
}

function vmRssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
