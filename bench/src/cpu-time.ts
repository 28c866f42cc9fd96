/**
 * Process CPU time (user + system, seconds since the process started) for named groups of pids, read with pidusage
 * (`ctime`, from /proc on Linux). The bench reads it at the start and end of each measurement window: the difference
 * is what each process spent on that window's load. A gone process reads as missing, not as zero.
 */
import { readdirSync, readFileSync } from "node:fs";
import pidusage from "pidusage";

/** Seconds of CPU per group name: the sum over the group's pids that are alive. */
export async function cpuSeconds(
  groups: Readonly<Record<string, readonly number[]>>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    Object.entries(groups).map(async ([name, pids]) => {
      let total = 0;
      let alive = 0;
      for (const pid of pids) {
        try {
          total += (await pidusage(pid)).ctime / 1000;
          alive++;
        } catch {
          // the process is gone
        }
      }
      if (alive > 0) out[name] = total;
    }),
  );
  return out;
}

/** This process's own CPU seconds (the orchestrator: probe, pidusage, IPC). */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Direct children of `pid` (Linux /proc), e.g. nginx's worker processes under its master. */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited while listing
    }
  }
  return out;
}
