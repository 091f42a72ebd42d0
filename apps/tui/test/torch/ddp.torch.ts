// The whole bridge on this machine: rnn train → rnn export → train_ddp.py with 2 processes (gloo on 127.0.0.1) →
// rnn sample and rnn train --resume; DDP's steps equal `rnn train`'s on the same batches to rounding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointFromJson, checkpointFromSafetensors } from '@rnn/core';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, scratch, smallText, writeIn } from '../run-cli.js';
import { runPython } from './python.js';
import { recordResults } from './results.js';

const STEPS = 8;
let torchVersion = 'unknown';

/** Largest |a − b| over two equally long arrays. */
const largestDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);

describe('train_ddp.py with 2 processes', () => {
  const figures: Record<string, unknown> = {};
  afterAll(() => {
    if (Object.keys(figures).length === 2)
      recordResults('ddp', { processes: 2, backend: 'gloo', steps: STEPS, ...figures }, torchVersion);
  });

  it.each([
    ['char', ['--hidden', '32', '--seq-length', '20', '--batch', '2']],
    ['word', ['--level', 'word', '--hidden', '24', '--seq-length', '8', '--batch', '4', '--truncate', '3']],
  ])(
    'matches rnn train step by step at %s level, and its model comes back to rnn sample',
    async (level, flags) => {
      const cwd = scratch();
      writeIn(cwd, 'text.txt', smallText(level === 'word' ? 40_000 : 20_000));
      const train = await runCli(
        ['train', 'text.txt', ...flags, '--steps', '12', '--checkpoint', 'start.json'],
        { cwd },
      );
      expect(train.code).toBe(0);
      expect(
        (await runCli(['export', 'start.json', '--format', 'torch', '--out', 'torch'], { cwd })).code,
      ).toBe(0);

      const ddpArgs = [
        'torch/train_ddp.py',
        'text.txt',
        '--steps',
        String(STEPS),
        '--nproc',
        '2',
        '--json',
        '--log-every',
        '1',
      ];
      const ddp = await runPython([...ddpArgs, '--out', 'trained.safetensors'], cwd);
      expect(ddp.code, ddp.stderr).toBe(0);
      const started = /^2 process\(es\) \(gloo, PyTorch ([^)]+)\), \d streams/m.exec(ddp.stderr);
      expect(started, ddp.stderr).not.toBeNull();
      torchVersion = started?.[1] ?? 'unknown';
      const ddpLosses = jsonLines(ddp.stdout).map((line) => [line.step, line.loss]);

      // The same update here: the exported model, resumed with fresh optimizer memory, from the start of the text,
      // on the whole text as train_ddp.py reads it (a .safetensors resume otherwise holds out rnn train's default 5%).
      const resumeArgs = [
        'train',
        'text.txt',
        '--resume',
        'torch/model.safetensors',
        '--steps',
        String(STEPS),
        '--val-fraction',
        '0',
      ];
      const here = await runCli([...resumeArgs, '--log-every', '1', '--checkpoint', 'here.json'], { cwd });
      expect(here.code, here.stderr).toBe(0);
      const ourLosses = jsonLines(here.stdout)
        .filter((line) => line.type === 'step')
        .map((line) => [line.step, line.loss]);
      expect(ddpLosses.map(([step]) => step)).toEqual(ourLosses.map(([step]) => step));
      // Rounding only: the same float64 sums in another order (BLAS, gloo's all-reduce). Adagrad amplifies it where
      // a gradient entry is near zero (its step lr·g/√(g² + 1e-8) changes by up to lr·1e4 per unit of g there), so a
      // 1e-16 rounding of a cancelling sum can move a weight by 1e-13 per step. Measured: 1e-13 to 1e-11 (losses),
      // up to 7e-11 (weights: @rnn/core's SIMD tanh and exp are a few ulps from PyTorch's, more to amplify).
      const lossDifference = largestDifference(
        ddpLosses.map(([, loss]) => loss as number),
        ourLosses.map(([, loss]) => loss as number),
      );
      expect(lossDifference).toBeLessThan(1e-10);
      const theirs = checkpointFromSafetensors(readFileSync(join(cwd, 'trained.safetensors'))).checkpoint;
      const ours = checkpointFromJson(readFileSync(join(cwd, 'here.json'), 'utf8'));
      const weights = Math.max(
        ...(['U', 'W', 'V'] as const).map((name) =>
          largestDifference(theirs.parameters[name], ours.parameters[name]),
        ),
      );
      expect(weights).toBeLessThan(1e-10);
      expect(theirs.progress.step).toBe(12 + STEPS);
      expect(theirs.hyperparameters).toEqual(ours.hyperparameters);
      figures[level] = { flags: flags.join(' '), loss: lossDifference, weights };
      console.log(
        `${level}: DDP (2 processes) vs rnn train over ${STEPS} steps: loss ${lossDifference.toExponential(1)}, weights ${weights.toExponential(1)}`,
      );

      // Back here: sample from the PyTorch-trained model, and keep training it.
      const sample = await runCli(['sample', 'trained.safetensors', '--length', '30'], { cwd });
      expect(sample.code, sample.stderr).toBe(0);
      expect(sample.stdout.trim().length).toBeGreaterThan(0);
      const more = await runCli(
        ['train', 'text.txt', '--resume', 'trained.safetensors', '--steps', '2', '--checkpoint', 'more.json'],
        { cwd },
      );
      expect(more.code, more.stderr).toBe(0);
      expect(checkpointFromJson(readFileSync(join(cwd, 'more.json'), 'utf8')).progress.step).toBe(
        12 + STEPS + 2,
      );
    },
  );

  it('gives the same model when its 2 processes are started by hand with RANK and WORLD_SIZE (as torchrun does)', async () => {
    const cwd = scratch();
    writeIn(cwd, 'text.txt', smallText(8000));
    const train = [
      'train',
      'text.txt',
      '--hidden',
      '16',
      '--batch',
      '2',
      '--steps',
      '2',
      '--checkpoint',
      'a.json',
    ];
    expect((await runCli(train, { cwd })).code).toBe(0);
    expect((await runCli(['export', 'a.json', '--format', 'torch', '--out', 'torch'], { cwd })).code).toBe(0);
    const args = ['torch/train_ddp.py', 'text.txt', '--steps', '4'];
    const spawned = await runPython([...args, '--nproc', '2', '--out', 'spawned.safetensors'], cwd);
    expect(spawned.code, spawned.stderr).toBe(0);
    const rendezvous = {
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      WORLD_SIZE: '2',
    };
    const ranks = await Promise.all(
      ['0', '1'].map((rank) =>
        runPython([...args, '--out', 'by-hand.safetensors'], cwd, { ...rendezvous, RANK: rank }),
      ),
    );
    for (const rank of ranks) expect(rank.code, rank.stderr).toBe(0);
    const read = (name: string) => checkpointFromSafetensors(readFileSync(join(cwd, name))).checkpoint;
    expect(read('by-hand.safetensors').parameters).toEqual(read('spawned.safetensors').parameters);
  });

  it('refuses a global batch that does not divide among the processes, before training', async () => {
    const cwd = scratch();
    writeIn(cwd, 'text.txt', smallText(5000));
    expect(
      (
        await runCli(['train', 'text.txt', '--hidden', '8', '--steps', '1', '--checkpoint', 'a.json'], {
          cwd,
        })
      ).code,
    ).toBe(0);
    expect((await runCli(['export', 'a.json', '--format', 'torch', '--out', 'torch'], { cwd })).code).toBe(0);
    const run = await runPython(
      ['torch/train_ddp.py', 'text.txt', '--nproc', '2', '--batch', '3', '--steps', '1'],
      cwd,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toBe(
      'train_ddp.py: --batch 3 does not divide among 2 processes: give a multiple of 2\n',
    );
  });
});

describe('the Python tokenizer of model.py', () => {
  it("gives @rnn/core's token ids for the shipped corpus, at char and word level", async () => {
    const cwd = scratch();
    writeIn(cwd, 'text.txt', smallText(60_000));
    for (const level of ['char', 'word']) {
      const out = `${level}.json`;
      const train = [
        'train',
        'text.txt',
        '--level',
        level,
        '--hidden',
        '4',
        '--steps',
        '1',
        '--checkpoint',
        out,
      ];
      expect((await runCli(train, { cwd })).code).toBe(0);
      expect((await runCli(['export', out, '--format', 'torch', '--out', level], { cwd })).code).toBe(0);
      const script = [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(level)})`,
        'from model import load',
        `_, vocabulary, _ = load(${JSON.stringify(`${level}/model.safetensors`)})`,
        "ids = vocabulary.encode(open('text.txt', encoding='utf-8').read())",
        'print(json.dumps({"ids": ids, "text": vocabulary.decode(ids[:400])}))',
      ].join('\n');
      const run = await runPython(['-c', script], cwd);
      expect(run.code, run.stderr).toBe(0);
      const python = JSON.parse(run.stdout) as { ids: number[]; text: string };
      const checkpoint = checkpointFromJson(readFileSync(join(cwd, out), 'utf8'));
      const { vocabularyFromTokens } = await import('@rnn/core');
      const vocabulary = vocabularyFromTokens(checkpoint.vocabulary.level, checkpoint.vocabulary.tokens);
      const ours = vocabulary.encode(smallText(60_000));
      expect(python.ids.length).toBe(ours.length);
      expect(python.ids.findIndex((id, i) => id !== ours[i])).toBe(-1);
      expect(python.text).toBe(vocabulary.decode(ours.slice(0, 400)));
    }
  });
});
