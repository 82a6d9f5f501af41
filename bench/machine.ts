import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MachineInfo } from './results.ts';

/** What the numbers were measured on. */
export function describeMachine(chromium: string): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    chromium,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

/** Cumulative CPU jiffies of the whole machine, from /proc/stat. */
export interface CpuJiffies {
  idle: number;
  total: number;
}

export function readCpuJiffies(): CpuJiffies {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal ...: idle and iowait are "not busy".
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((sum, n) => sum + n, 0) };
  } catch {
    return { idle: 0, total: 0 };
  }
}

/** Fraction of all cores busy between two readings. */
export function busyBetween(before: CpuJiffies, after: CpuJiffies): number {
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}
