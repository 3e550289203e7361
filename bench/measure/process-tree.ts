import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Memory and CPU time of a server's process tree, read from /proc (Linux).

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Resident memory (MB) of a process and all its descendants; null once it is gone. */
export function treeRssMb(rootPid: number): number | null {
  const tree = processTree(rootPid);
  return tree.length === 0 ? null : tree.reduce((sum, pid) => sum + vmRssKb(pid), 0) / 1024;
}

/** CPU time (user + system, ms) used so far by a process and all its descendants. */
export function treeCpuMs(rootPid: number): number {
  return cpuMs(processTree(rootPid));
}

/** CPU time (user + system, ms) used so far by these processes (those still running). */
export function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}

/** CPU time (user + system, ms) one process has used so far; null if there is no such process. */
export function processCpuMs(pid: number): number | null {
  const fields = statFields(pid);
  if (!fields) return null;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime: fields 14 and 15
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

function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields) parents.set(Number(entry), Number(fields[1]));
  }
  if (!parents.has(rootPid)) return [];
  return [...parents.keys()].filter((pid) => isDescendant(pid, rootPid, parents));
}

/** The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1]); null if it exited. */
function statFields(pid: number): string[] | null {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
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
