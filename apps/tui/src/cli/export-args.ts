// The command line of `rnn export`: CHECKPOINT, --format, --dtype, --out and --force, validated, and its help.
import { extname } from 'node:path';
import { choiceFlag } from './flags.js';
import { type FlagSpec, parseFlags } from './parse-flags.js';
import { UsageError } from './usage-error.js';

/**
 * Help of `rnn export`.
 * @example process.stdout.write(`${EXPORT_HELP}\n`);
 */
export const EXPORT_HELP = `Usage: rnn export CHECKPOINT --format safetensors|torch [flags]

Writes the model of CHECKPOINT (a .json checkpoint or a .safetensors model) for PyTorch and other tools.
  --format safetensors   one .safetensors file: U, W, V as rnn.weight_ih_l0, rnn.weight_hh_l0,
                         decoder.weight, with the vocabulary and hyperparameters in its metadata
  --format torch         a folder: model.safetensors, model.py (nn.RNN + nn.Linear) and train_ddp.py
                         (DistributedDataParallel training with rnn train's recipe)
  --dtype float32|float64  element type of the weights (default: the checkpoint's precision)
  --out PATH             where to write (default: CHECKPOINT with .safetensors, or without extension
                         for a torch folder)
  --force                replace an existing output (otherwise it is refused, and nothing is written)
  -h, --help             show this help

Examples:
  rnn export notes.checkpoint.best.json --format safetensors
  rnn export notes.checkpoint.json --format torch --out notes-torch --dtype float32

Exit status: 0 written, 2 bad input (a missing or corrupt checkpoint, an existing output without --force).`;

/**
 * Options of `rnn export`.
 * @example parseExport(['a.json', '--format', 'torch']) // { command: 'export', checkpoint: 'a.json', format: 'torch', out: 'a', … }
 */
export interface ExportArgs {
  readonly command: 'export';
  readonly checkpoint: string;
  readonly format: 'safetensors' | 'torch';
  readonly dtype: 'float32' | 'float64' | undefined;
  readonly out: string;
  readonly force: boolean;
}

const EXPORT_FLAGS: FlagSpec = {
  format: { type: 'string' },
  dtype: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
};

/**
 * The default output of an export: the checkpoint's path with `.safetensors`, or without its extension (torch).
 * @example defaultExportPath('runs/a.checkpoint.json', 'torch') // 'runs/a.checkpoint'
 */
export function defaultExportPath(checkpoint: string, format: ExportArgs['format']): string {
  const stem = checkpoint.slice(0, checkpoint.length - extname(checkpoint).length);
  return format === 'torch' ? stem : `${stem}.safetensors`;
}

/**
 * Parses the arguments after `rnn export`; bad input throws a UsageError.
 * @example parseExport(['a.json', '--format', 'safetensors']).out // 'a.safetensors'
 */
export function parseExport(argv: readonly string[]): ExportArgs | { command: 'help'; topic: 'export' } {
  const { values, positionals, help } = parseFlags('export', argv, EXPORT_FLAGS);
  if (help) return { command: 'help', topic: 'export' };
  const [checkpoint, ...extra] = positionals;
  if (checkpoint === undefined) throw new UsageError('give the CHECKPOINT to export (see rnn export --help)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = choiceFlag(
    '--format',
    values.format as string | undefined,
    ['safetensors', 'torch'] as const,
  );
  if (format === undefined) throw new UsageError('--format is required: safetensors or torch');
  const out = values.out as string | undefined;
  if (out === '') throw new UsageError('--out must not be empty');
  return {
    command: 'export',
    checkpoint,
    format,
    dtype: choiceFlag('--dtype', values.dtype as string | undefined, ['float32', 'float64'] as const),
    out: out ?? defaultExportPath(checkpoint, format),
    force: values.force === true,
  };
}
