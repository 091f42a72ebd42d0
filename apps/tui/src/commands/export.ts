// `rnn export`: a checkpoint's model as a .safetensors file, or as a folder for PyTorch with DDP training.

import { assertReadableCheckpoint } from '../cli/checkpoint-file.js';
import type { ExportArgs } from '../cli/export-args.js';
import { UsageError } from '../cli/usage-error.js';

/**
 * Runs `rnn export` and resolves to 0; an unreadable checkpoint, an existing output without --force or a
 * failed write is a UsageError (exit 2), and nothing is written.
 * @example await runExport({ command: 'export', checkpoint: 'a.json', format: 'safetensors', dtype: undefined, out: 'a.safetensors', force: false }) // 0
 */
export async function runExport(args: ExportArgs): Promise<number> {
  assertReadableCheckpoint(args.checkpoint);
  const { precisionOf, RnnError } = await import('@rnn/core');
  const { exportTorch, isSafetensorsPath, loadCheckpoint, loadSafetensors, saveSafetensors } = await import(
    '@rnn/core/node'
  );
  const fail = (error: unknown): never => {
    if (!(error instanceof RnnError)) throw error;
    const hint = error.code === 'file-exists' ? ' (--force replaces it)' : '';
    throw new UsageError(`${error.message}${hint}`);
  };
  let loaded: { checkpoint: ReturnType<typeof loadCheckpoint>; precision: 'float32' | 'float64' };
  try {
    if (isSafetensorsPath(args.checkpoint)) loaded = loadSafetensors(args.checkpoint);
    else {
      const checkpoint = loadCheckpoint(args.checkpoint);
      loaded = { checkpoint, precision: precisionOf(checkpoint) };
    }
  } catch (error) {
    return fail(error);
  }
  const { checkpoint } = loaded;
  const dtype = args.dtype ?? loaded.precision;
  try {
    if (args.format === 'safetensors')
      saveSafetensors(args.out, checkpoint, { dtype, overwrite: args.force });
    else exportTorch(args.out, checkpoint, { dtype, overwrite: args.force });
  } catch (error) {
    return fail(error);
  }
  const K = checkpoint.vocabulary.tokens.length;
  const H = checkpoint.hyperparameters.hiddenSize;
  const model = `K = ${K} ${checkpoint.vocabulary.level} tokens, H = ${H}, step ${checkpoint.progress.step}, ${dtype}`;
  if (args.format === 'safetensors') {
    process.stdout.write(`wrote ${args.out} (${model})\n`);
  } else {
    process.stdout.write(
      `wrote ${args.out}/ with model.safetensors, model.py and train_ddp.py (${model})\n` +
        `train with DDP: python3 ${args.out}/train_ddp.py TEXT --nproc 2 --out trained.safetensors\n` +
        'then come back: rnn sample trained.safetensors\n',
    );
  }
  return 0;
}
