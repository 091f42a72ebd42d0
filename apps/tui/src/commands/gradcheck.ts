// `rnn gradcheck`: the gradient check of @rnn/core on a small random model, as a table.
import type { GradcheckArgs } from '../cli/args.js';

/**
 * Prints @rnn/core's gradcheck table: per parameter and equation (13, 21, 24), the largest relative error
 * of the literal and the BPTT form against central finite differences, and the verdict. Exits 1 if it fails.
 * @example await runGradcheck({ command: 'gradcheck', hiddenSize: 5, vocabSize: 4, length: 6, seed: 1 }) // 0
 */
export async function runGradcheck(args: GradcheckArgs): Promise<number> {
  const { gradcheck } = await import('@rnn/core');
  const report = gradcheck({
    vocabSize: args.vocabSize,
    hiddenSize: args.hiddenSize,
    length: args.length,
    seed: args.seed,
  });
  process.stdout.write(`${report.toString()}\n`);
  return report.passed ? 0 : 1;
}
