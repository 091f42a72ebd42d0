// What the benchmark ran on: CPU model, cores, load, Node version.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/**
 * The machine as the report prints it.
 * @example describeMachine().cpu // → 'AMD EPYC'
 */
export function describeMachine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1].trim();
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  return {
    cpu,
    cores: cpus().length,
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
  };
}
