// Build-time figures of the PyTorch round trip, from the results file `npm run test:torch -- --record` writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../lib/repo.js';

/** One equation's agreement: the largest |autograd − ours| over every entry of every case, both forms. */
export interface TorchGradientRow {
  readonly equation: string;
  readonly parameter: string;
  readonly bptt: string;
  readonly literal: string;
  readonly largest: string;
}

/** A DDP run compared with `rnn train` on the same batches. */
export interface TorchDdpRow {
  readonly level: string;
  readonly flags: string;
  readonly loss: string;
  readonly weights: string;
}

/** What the verification page and the "Leaving one machine" guide show. */
export interface TorchData {
  readonly path: string;
  readonly command: string;
  readonly torch: string;
  readonly gradients: {
    readonly date: string;
    readonly machine: string;
    readonly python: string;
    readonly seed: number;
    readonly cases: number;
    readonly truncated: number;
    readonly trained: string;
    readonly sizes: string;
    readonly tolerance: string;
    readonly loss: string;
    readonly rows: readonly TorchGradientRow[];
  };
  readonly ddp: {
    readonly date: string;
    readonly processes: number;
    readonly backend: string;
    readonly steps: number;
    readonly rows: readonly TorchDdpRow[];
  };
}

declare const data: TorchData;

export { data };

const FILE = 'apps/tui/test/torch/results.json';

/** A difference as text: 1.8e-16. */
const figure = (value: unknown): string => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${FILE}: expected a number, got ${String(value)}`);
  return value.toExponential(1).replace('e-', 'e−');
};

export default defineLoader({
  watch: [join(REPO_ROOT, FILE)],
  load(): TorchData {
    const results = JSON.parse(readFileSync(join(REPO_ROOT, FILE), 'utf8'));
    const { gradients, ddp } = results;
    if (gradients === undefined || ddp === undefined) {
      throw new Error(`${FILE} lacks its gradients or ddp section: run npm run test:torch -- --record`);
    }
    return {
      path: FILE,
      command: results.command,
      torch: results.torch,
      gradients: {
        ...gradients,
        tolerance: figure(gradients.tolerance),
        loss: figure(gradients.loss),
        rows: gradients.rows.map((row: Record<string, unknown>) => ({
          equation: String(row.equation),
          parameter: String(row.parameter),
          bptt: figure(row.bptt),
          literal: figure(row.literal),
          largest: Number(row.largest).toPrecision(2),
        })),
      },
      ddp: {
        date: ddp.date,
        processes: ddp.processes,
        backend: ddp.backend,
        steps: ddp.steps,
        rows: ['char', 'word'].map((level) => ({
          level,
          flags: String(ddp[level].flags),
          loss: figure(ddp[level].loss),
          weights: figure(ddp[level].weights),
        })),
      },
    };
  },
});
