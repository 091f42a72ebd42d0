// `rnn export`, and .safetensors in `rnn sample` and `rnn train --resume`, through the built bin (no Python needed).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkpointFromJson,
  checkpointFromSafetensors,
  decodeSafetensors,
  encodeSafetensors,
} from '@rnn/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, scratch, smallText, writeIn } from './run-cli.js';

/** A usage error: exit 2, one line on stderr naming the command, no stack trace, nothing on stdout. */
function expectUsageError(result: Awaited<ReturnType<typeof runCli>>, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

/** A scratch folder with text.txt and a checkpoint trained 6 steps on it (H = 16, B = 2), model.json. */
let dir = '';
beforeAll(async () => {
  dir = scratch();
  writeIn(dir, 'text.txt', smallText(3000));
  const args = ['train', 'text.txt', '--hidden', '16', '--seq-length', '10', '--batch', '2', '--steps', '6'];
  const trained = await runCli([...args, '--checkpoint', 'model.json', '--json'], { cwd: dir });
  expect(trained.code).toBe(0);
});

const checkpointIn = (cwd: string, name: string) => checkpointFromJson(readFileSync(join(cwd, name), 'utf8'));
const modelIn = (cwd: string, name: string) => checkpointFromSafetensors(readFileSync(join(cwd, name)));

describe('rnn export --format safetensors', () => {
  it('writes CHECKPOINT.safetensors with the weights bit for bit, and refuses to overwrite it without --force', async () => {
    const cwd = scratch();
    writeIn(cwd, 'model.json', readFileSync(join(dir, 'model.json')));
    const result = await runCli(['export', 'model.json', '--format', 'safetensors'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote model\.safetensors \(K = \d+ char tokens, H = 16, step 6, float64\)$/m,
    );
    expect(readdirSync(cwd).sort()).toEqual(['model.json', 'model.safetensors']);
    const { checkpoint, dtype } = modelIn(cwd, 'model.safetensors');
    expect(dtype).toBe('float64');
    expect(checkpoint.parameters).toEqual(checkpointIn(cwd, 'model.json').parameters);
    const before = readFileSync(join(cwd, 'model.safetensors'));
    const again = await runCli(['export', 'model.json', '--format', 'safetensors', '--dtype', 'float32'], {
      cwd,
    });
    expectUsageError(
      again,
      /^rnn export: model\.safetensors already exists; it was left as it is \(--force replaces it\)$/m,
    );
    expect(readFileSync(join(cwd, 'model.safetensors'))).toEqual(before);
    const forced = await runCli(
      ['export', 'model.json', '--format', 'safetensors', '--dtype', 'float32', '--force'],
      { cwd },
    );
    expect(forced.code).toBe(0);
    expect(modelIn(cwd, 'model.safetensors').dtype).toBe('float32');
  });

  it('writes to --out, and rnn sample gives the same text from the .safetensors as from the checkpoint', async () => {
    const cwd = scratch();
    const out = join(cwd, 'copy.safetensors');
    expect(
      (await runCli(['export', join(dir, 'model.json'), '--format', 'safetensors', '--out', out])).code,
    ).toBe(0);
    const fromJson = await runCli(['sample', join(dir, 'model.json'), '--length', '80', '--seed', '3']);
    const fromSafetensors = await runCli(['sample', out, '--length', '80', '--seed', '3']);
    expect(fromSafetensors.code).toBe(0);
    expect(fromSafetensors.stdout).toBe(fromJson.stdout);
    expect(fromSafetensors.stdout.length).toBeGreaterThan(40);
  });
});

describe('rnn export --format torch', () => {
  it('writes a folder with the weights, model.py and train_ddp.py, and refuses to replace it without --force', async () => {
    const cwd = scratch();
    const result = await runCli(['export', join(dir, 'model.json'), '--format', 'torch', '--out', 'torch'], {
      cwd,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('python3 torch/train_ddp.py TEXT --nproc 2');
    expect(readdirSync(cwd)).toEqual(['torch']);
    expect(readdirSync(join(cwd, 'torch')).sort()).toEqual(['model.py', 'model.safetensors', 'train_ddp.py']);
    expect(readFileSync(join(cwd, 'torch', 'model.py'), 'utf8')).toContain(
      'nn.RNN(vocab_size, hidden_size, bias=False',
    );
    const again = await runCli(['export', join(dir, 'model.json'), '--format', 'torch', '--out', 'torch'], {
      cwd,
    });
    expectUsageError(
      again,
      /^rnn export: .*torch\/model\.safetensors, .*already exist; nothing was written \(--force replaces it\)$/m,
    );
    const forced = await runCli(
      ['export', join(dir, 'model.json'), '--format', 'torch', '--out', 'torch', '--force'],
      { cwd },
    );
    expect(forced.code).toBe(0);
  });

  it('defaults --out to the checkpoint path without its extension', async () => {
    const cwd = scratch();
    writeIn(cwd, 'run.checkpoint.json', readFileSync(join(dir, 'model.json')));
    expect((await runCli(['export', 'run.checkpoint.json', '--format', 'torch'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'run.checkpoint', 'train_ddp.py'))).toBe(true);
  });
});

describe('rnn export, sample and train on bad input', () => {
  it.concurrent.each([
    [['export'], /give the CHECKPOINT/],
    [['export', 'x.json'], /--format is required: safetensors or torch/],
    [['export', 'x.json', '--format', 'onnx'], /--format must be one of safetensors, torch, got "onnx"/],
    [
      ['export', 'x.json', '--format', 'torch', '--dtype', 'float16'],
      /--dtype must be one of float32, float64/,
    ],
    [['export', 'x.json', '--format', 'torch', '--bias'], /unknown flag --bias \(see rnn export --help\)/],
    [['export', 'missing.json', '--format', 'torch'], /missing\.json: no such checkpoint file/],
  ])('rnn %j', async (args, message) => {
    const cwd = scratch();
    writeIn(cwd, 'x.json', '{}');
    expectUsageError(await runCli(args, { cwd }), message);
    expect(readdirSync(cwd)).toEqual(['x.json']);
  });

  /** The exported file with one thing wrong, made by `edit` on its decoded contents (or its bytes). */
  function brokenFile(cwd: string, name: string, edit: (bytes: Uint8Array) => Uint8Array): string {
    return writeIn(cwd, name, edit(new Uint8Array(readFileSync(join(dir, 'good.safetensors')))));
  }
  const reencode =
    (change: (contents: ReturnType<typeof decodeSafetensors>) => Parameters<typeof encodeSafetensors>[0]) =>
    (bytes: Uint8Array) =>
      encodeSafetensors(change(decodeSafetensors(bytes)));

  it.each([
    [
      'truncated',
      (b: Uint8Array) => b.subarray(0, b.length - 5),
      /truncated\.safetensors: tensor "rnn\.weight_ih_l0": data_offsets .* reach past/,
    ],
    [
      'lying',
      (b: Uint8Array) => {
        // The first tensor's offsets shifted by 8 bytes in the header (same length: '0' becomes '8').
        const at =
          new TextDecoder('latin1').decode(b).indexOf('"data_offsets":[0,') + '"data_offsets":['.length;
        const lying = b.slice();
        lying[at] = '8'.charCodeAt(0);
        return lying;
      },
      /lying\.safetensors: .*data_offsets/,
    ],
    [
      'dtype',
      reencode(({ tensors, metadata }) => ({
        metadata,
        tensors: { ...tensors, extra: { dtype: 'F32', shape: [1], data: Float32Array.of(1) } },
      })),
      /dtype\.safetensors: tensor "extra" is not part of this model/,
    ],
    [
      'missing',
      reencode(({ tensors, metadata }) => ({
        metadata,
        tensors: Object.fromEntries(Object.entries(tensors).filter(([name]) => name !== 'rnn.weight_hh_l0')),
      })),
      /missing\.safetensors: tensor "rnn\.weight_hh_l0" \(W\) is missing/,
    ],
    [
      'vocabulary',
      reencode(({ tensors, metadata }) => {
        const vocabulary = JSON.parse(metadata.vocabulary ?? '{}');
        return {
          tensors,
          metadata: {
            ...metadata,
            vocabulary: JSON.stringify({ ...vocabulary, tokens: vocabulary.tokens.slice(1) }),
          },
        };
      }),
      /vocabulary\.safetensors: tensor "rnn\.weight_ih_l0" \(U\) has shape \[16, \d+\], but the vocabulary's K = \d+ tokens/,
    ],
  ])(
    'rnn sample and rnn train --resume refuse a %s .safetensors file (exit 2, one line, nothing written)',
    async (name, edit, message) => {
      if (!existsSync(join(dir, 'good.safetensors'))) {
        expect(
          (
            await runCli(['export', 'model.json', '--format', 'safetensors', '--out', 'good.safetensors'], {
              cwd: dir,
            })
          ).code,
        ).toBe(0);
      }
      const cwd = scratch();
      const file = brokenFile(cwd, `${name}.safetensors`, edit);
      expectUsageError(await runCli(['sample', file]), new RegExp(`^rnn sample: .*${message.source}`));
      const resumed = await runCli([
        'train',
        join(dir, 'text.txt'),
        '--resume',
        file,
        '--checkpoint',
        join(cwd, 'out.json'),
      ]);
      expect(resumed.code).toBe(2);
      expect(resumed.stderr).toMatch(new RegExp(`^rnn train: .*${message.source}`));
      expect(resumed.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(readdirSync(cwd)).toEqual([`${name}.safetensors`]);
    },
  );
});

describe('rnn train --resume MODEL.safetensors', () => {
  it('continues from the step in the file, with fresh optimizer memory, and says so', async () => {
    const cwd = scratch();
    expect(
      (
        await runCli(
          ['export', join(dir, 'model.json'), '--format', 'safetensors', '--out', 'm.safetensors'],
          { cwd },
        )
      ).code,
    ).toBe(0);
    const result = await runCli(
      [
        'train',
        join(dir, 'text.txt'),
        '--resume',
        'm.safetensors',
        '--steps',
        '3',
        '--checkpoint',
        'next.json',
        '--log-every',
        '1',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'rnn train: m.safetensors is a safetensors model (weights and step only): the run starts with fresh optimizer memory, a zero hidden state and the text from its start\n',
    );
    expect(jsonLines(result.stdout).find((line) => line.type === 'start')).toMatchObject({
      startStep: 6,
      batchSize: 2,
      hiddenSize: 16,
    });
    expect(checkpointIn(cwd, 'next.json').progress.step).toBe(9);
  });
});
