/** The machine the bench runs on: description for the report header, and whole-machine CPU busy %. */
import os from "node:os";

export interface MachineInfo {
  cpus: number;
  model: string;
  memGb: number;
  node: string;
  platform: string;
  loadavg: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? "unknown",
    memGb: os.totalmem() / 2 ** 30,
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    loadavg: os.loadavg(),
  };
}

export interface CpuTimes {
  idle: number;
  total: number;
}

/** Summed CPU times over all cores. */
export function machineCpu(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { idle, total };
}

/** Busy % of the whole machine between two readings. */
export function machineBusyPct(a: CpuTimes, b: CpuTimes): number {
  const total = b.total - a.total;
  return total > 0 ? (100 * (total - (b.idle - a.idle))) / total : Number.NaN;
}
