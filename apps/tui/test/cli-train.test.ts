// The built bin training for real with stdout piped: JSON lines, a falling loss, SIGINT, divergence, resume.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli, scratch, smallText, writeIn } from './run-cli.js';

/** A small, fast model: 32 hidden units on a few kB of the shipped corpus. */
const SMALL = ['--hidden', '32', '--seq-length', '16', '--sample-length', '30'];

describe('rnn train with stdout piped', () => {
  it.concurrent('prints one parseable JSON line per log interval, and the loss falls', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'small.txt', smallText(3000));
    const result = await runCli(
      ['train', file, ...SMALL, '--steps', '300', '--log-every', '25', '--sample-every', '150'],
      { cwd },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    const steps = lines.filter((l) => l.type === 'step');
    expect(steps.map((l) => l.step)).toEqual(Array.from({ length: 12 }, (_, i) => 25 * (i + 1)));
    for (const key of [
      'loss',
      'smoothLoss',
      'tokensPerSecond',
      'learningRate',
      'gradNorm',
      'elapsedSeconds',
    ]) {
      expect(typeof steps[0]?.[key]).toBe('number');
    }
    expect(lines.filter((l) => l.type === 'sample').map((l) => l.step)).toEqual([150, 300]);
    expect(lines.at(0)?.type).toBe('start');
    expect(lines.some((l) => l.type === 'done')).toBe(true);
    // Mean of the first three logged losses against the last three: character-level learning on English
    // prose drops from about ln(vocab) ≈ 3.9 nats by far more than the step-to-step noise (≈ 0.3 nats).
    const mean = (xs: Record<string, unknown>[]) =>
      xs.reduce((s, l) => s + (l.loss as number), 0) / xs.length;
    expect(mean(steps.slice(-3))).toBeLessThan(mean(steps.slice(0, 3)) - 0.3);
    const saved = lines.filter((l) => l.type === 'checkpoint');
    expect(saved.at(-1)).toEqual({
      type: 'checkpoint',
      path: 'small.checkpoint.json',
      step: 300,
      kind: 'latest',
    });
    const [sample, badPrime] = await Promise.all([
      runCli(['sample', 'small.checkpoint.json', '--length', '40', '--prime', 'The '], { cwd }),
      runCli(['sample', 'small.checkpoint.json', '--prime', 'The €'], { cwd }),
    ]);
    expect(sample.code).toBe(0);
    expect(sample.stdout.startsWith('The ')).toBe(true);
    expect(badPrime.code).toBe(2);
    expect(badPrime.stderr).toMatch(/^rnn sample: --prime: .*not in the vocabulary/);
  });

  it.concurrent('SIGINT saves a loadable checkpoint and exits 130', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'long.txt', smallText(3000));
    let signalled = false;
    const result = await runCli(['train', file, ...SMALL, '--steps', '1000000', '--log-every', '5'], {
      cwd,
      onStdout: (out, child) => {
        if (!signalled && out.includes('"type":"step"')) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(result.code).toBe(130);
    const saved = jsonLines(result.stdout).filter((l) => l.type === 'checkpoint');
    expect(saved).toHaveLength(1);
    expect(existsSync(join(cwd, 'long.checkpoint.json'))).toBe(true);
    const resumed = await runCli(
      ['train', file, '--resume', 'long.checkpoint.json', '--steps', '5', '--log-every', '1'],
      { cwd },
    );
    expect(resumed.code).toBe(0);
    const start = jsonLines(resumed.stdout).find((l) => l.type === 'start');
    expect(start?.startStep).toBe(saved[0]?.step);
    expect(start?.hiddenSize).toBe(32);
  });

  it.concurrent('a reader that goes away (| head) stops the run quietly after saving', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'pipe.txt', smallText(2000));
    const result = await runCli(['train', file, ...SMALL, '--steps', '1000000', '--log-every', '1'], {
      cwd,
      onStdout: (out, child) => {
        if (out.includes('"type":"step"')) child.stdout?.destroy();
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(existsSync(join(cwd, 'pipe.checkpoint.json'))).toBe(true);
  });

  it.concurrent('refuses to resume on a text with a different vocabulary (exit 2)', async () => {
    const cwd = scratch();
    const first = await runCli(
      [
        'train',
        writeIn(cwd, 'a.txt', 'abcabcabcabc'.repeat(10)),
        '--hidden',
        '8',
        '--seq-length',
        '4',
        '--steps',
        '3',
      ],
      { cwd },
    );
    expect(first.code).toBe(0);
    const result = await runCli(
      ['train', writeIn(cwd, 'b.txt', 'xyzxyzxyz'.repeat(10)), '--resume', 'a.checkpoint.json'],
      { cwd },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rnn train: .*vocabulary/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.concurrent('a diverging run stops with a message, exit 1, keeping the last good checkpoint', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'd.txt', smallText(2000));
    // A rate of 1e308 makes the first Adagrad update overflow the weights to ±Infinity: the next loss is NaN.
    const result = await runCli(
      ['train', file, '--lr', '1e308', '--hidden', '16', '--steps', '50', '--save-every', '1'],
      {
        cwd,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^rnn train: training diverged at step 2: .*NaN.*; the last good checkpoint is d\.checkpoint\.json \(step 1\)$/m,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(jsonLines(result.stdout).filter((l) => l.type === 'error')).toHaveLength(1);
    // The kept checkpoint loads: a resumed run starts from its step (and, at this rate, diverges again).
    const resumed = await runCli(['train', file, '--resume', 'd.checkpoint.json', '--steps', '5'], { cwd });
    expect(jsonLines(resumed.stdout).find((l) => l.type === 'start')?.startStep).toBe(1);
    expect(resumed.stderr).toContain('d.checkpoint.json was left as it was');
  });
});

describe('rnn train --precision', () => {
  it.concurrent('trains in float32, records it in the checkpoint, and a float64 resume says it changes', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'p.txt', smallText(3000));
    const run = await runCli(['train', file, ...SMALL, '--steps', '20', '--precision', 'float32'], { cwd });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)[0]).toMatchObject({ type: 'start', precision: 'float32' });
    const saved = jsonLines(readFileSync(join(cwd, 'p.checkpoint.json'), 'utf8'))[0];
    expect(saved?.payload).toMatchObject({ hyperparameters: { precision: 'float32' } });
    const resumed = await runCli(
      ['train', file, '--resume', 'p.checkpoint.json', '--steps', '5', '--precision', 'float64'],
      { cwd },
    );
    expect(resumed.code).toBe(0);
    expect(jsonLines(resumed.stdout)[0]).toMatchObject({
      type: 'start',
      precision: 'float64',
      startStep: 20,
      notices: ['training in float64: the checkpoint was trained in float32'],
    });
    const bad = await runCli(['train', file, '--precision', 'float16'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--precision must be one of float32, float64/);
  });
});

describe('rnn gradcheck and rnn sample', () => {
  it.concurrent('gradcheck prints the relative errors of (13), (21), (24), literal and bptt', async () => {
    const result = await runCli(['gradcheck', '--hidden', '4', '--vocab', '3', '--length', '4']);
    expect(result.code).toBe(0);
    for (const word of ['13', '21', '24', 'literal', 'bptt', 'U', 'W', 'V'])
      expect(result.stdout).toContain(word);
  });
});
