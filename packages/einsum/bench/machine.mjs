// What the benchmark ran on: CPU model, cores, load, Node version, and the source revision measured.
import { execFileSync } from 'node:child_process';
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
    source: sourceRevision(),
    cpu,
    cores: cpus().length,
    loadAverage: loadavg().map((x) => +x.toFixed(2)),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The git commit the package was built from, marked when src/ has uncommitted changes ('unknown' outside git). */
function sourceRevision() {
  try {
    const cwd = new URL('..', import.meta.url);
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${commit} with uncommitted changes in src/` : commit;
  } catch {
    return 'unknown';
  }
}
