// The built bin over several runs: checkpoints never overwritten unasked, resume, the README's first command,
// divergence by the smoothed loss, a falling validation loss, rnn eval and the new rnn sample flags.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli, scratch, smallText, writeIn } from './run-cli.js';

const SMALL = ['--hidden', '16', '--seq-length', '16', '--sample-every', '0'];
const startOf = (stdout: string) => jsonLines(stdout).find((l) => l.type === 'start');

describe('rnn train and the checkpoints of earlier runs', () => {
  it.concurrent('saves every --save-every steps, and once only when a periodic save falls on the last step', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'notes.txt', smallText(3000));
    const args = ['train', file, ...SMALL, '--steps', '30', '--save-every', '10', '--val-fraction', '0'];
    const run = await runCli(args, { cwd });
    expect(run.code).toBe(0);
    const saved = jsonLines(run.stdout).filter((l) => l.type === 'checkpoint');
    expect(saved.map((l) => l.step)).toEqual([10, 20, 30]);
    const lines = jsonLines(run.stdout).map((l) => l.type);
    expect(lines.indexOf('done')).toBeLessThan(lines.lastIndexOf('checkpoint')); // done is not held up by the save
  });

  it.concurrent('refuses to overwrite, continues with --resume, starts over with --force', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'notes.txt', smallText(3000));
    const latest = join(cwd, 'notes.checkpoint.json');
    const best = join(cwd, 'notes.checkpoint.best.json');
    const first = await runCli(['train', file, ...SMALL, '--steps', '40', '--eval-every', '20'], { cwd });
    expect(first.code).toBe(0);
    const saved = jsonLines(first.stdout).filter((l) => l.type === 'checkpoint');
    expect(saved.at(-1)).toEqual({
      type: 'checkpoint',
      path: 'notes.checkpoint.json',
      step: 40,
      kind: 'latest',
    });
    expect(saved.some((l) => l.kind === 'best' && l.path === 'notes.checkpoint.best.json')).toBe(true);
    const before = readFileSync(latest, 'utf8');

    const again = await runCli(['train', file, ...SMALL, '--steps', '5'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'rnn train: notes.checkpoint.json already exists: add --resume notes.checkpoint.json to continue it, or --force to replace it\n',
    );
    expect(readFileSync(latest, 'utf8')).toBe(before);

    // --lr on resume replaces the checkpoint's rate, and the run says so.
    const resumed = await runCli(['train', file, '--resume', latest, '--steps', '5', '--lr', '0.05'], {
      cwd,
    });
    expect(resumed.code).toBe(0);
    expect(startOf(resumed.stdout)).toMatchObject({
      startStep: 40,
      learningRate: 0.05,
      notices: ["learning rate 0.05 replaces the checkpoint's 0.1 from step 41 on"],
    });
    expect(jsonLines(resumed.stdout).at(-1)).toMatchObject({ type: 'checkpoint', path: latest, step: 45 });

    const forced = await runCli(['train', file, ...SMALL, '--steps', '5', '--force', '--val-fraction', '0'], {
      cwd,
    });
    expect(forced.code).toBe(0);
    expect(startOf(forced.stdout)).toMatchObject({ startStep: 0, validationTokens: 0 });
    expect(existsSync(best)).toBe(false); // the earlier run's best model went with it
    expect(jsonLines(readFileSync(latest, 'utf8'))[0]?.payload).toMatchObject({ progress: { step: 5 } });
  });

  it.concurrent('rnn train without FILE resumes the shipped corpus checkpoint, says so, and hints --force', async () => {
    // The default checkpoint is written in the current directory: a scratch folder here.
    const cwd = scratch();
    const first = await runCli(['train', '--hidden', '16', '--steps', '30', '--sample-every', '0'], { cwd });
    expect(first.code).toBe(0);
    expect(existsSync(join(cwd, 'harbour-tales.checkpoint.json'))).toBe(true);
    const second = await runCli(['train', '--steps', '10', '--sample-every', '0'], { cwd });
    expect(second.code).toBe(0);
    expect(startOf(second.stdout)).toMatchObject({
      startStep: 30,
      hiddenSize: 16,
      notices: [
        'resuming harbour-tales.checkpoint.json, the checkpoint of the shipped corpus (--force starts over)',
      ],
    });
    const contradicting = await runCli(['train', '--hidden', '32', '--steps', '5'], { cwd });
    expect(contradicting.code).toBe(2);
    expect(contradicting.stderr).toMatch(
      /^rnn train: resume: hiddenSize 32 contradicts the checkpoint's 16 \(rnn train without FILE resumed harbour-tales\.checkpoint\.json; --force starts over\)\n$/,
    );
  });
});

describe('rnn train stops a diverging run', () => {
  it.concurrent('after step 100 once the smoothed loss passes 3 ln K: exit 1, the last good checkpoint kept', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'd.txt', smallText(3000));
    const checkpoint = join(cwd, 'd.json');
    // At this rate every update saturates the weights: the loss is finite but about 1e9 nats per token.
    const result = await runCli(
      [
        'train',
        file,
        ...SMALL,
        '--lr',
        '1e9',
        '--steps',
        '1000',
        '--save-every',
        '40',
        '--checkpoint',
        checkpoint,
      ],
      { cwd },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^rnn train: training diverged at step 101: the smoothed loss \\S+ nats/token exceeds 3 × ln \\d+ = \\d+\\.\\d\\d \\(three times a uniform guess\\); try a smaller learning rate \\(now 1000000000\\); the last good checkpoint is ${checkpoint.replace(/[.]/g, '\\.')} \\(step 80\\)\n$`,
      ),
    );
    const lines = jsonLines(result.stdout);
    expect(lines.at(-1)).toMatchObject({ type: 'error', step: 101, reason: 'diverged' });
    expect(lines.filter((l) => l.type === 'step').at(-1)?.step).toBe(100);
    const resumed = await runCli(['train', file, '--resume', checkpoint, '--steps', '1'], { cwd });
    expect(startOf(resumed.stdout)?.startStep).toBe(80);
  });
});

describe('validation, rnn eval and rnn sample', () => {
  it.concurrent('a --json run on the shipped corpus has a falling validation loss, below ln K', async () => {
    const cwd = scratch();
    const result = await runCli(
      [
        'train',
        '--checkpoint',
        join(cwd, 'v.json'),
        '--hidden',
        '48',
        '--steps',
        '2000',
        '--eval-every',
        '400',
        '--sample-every',
        '0',
        '--log-every',
        '1000',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    const start = lines[0] as { vocabSize: number; validationTokens: number; evalTokens: number };
    expect(start.validationTokens).toBeGreaterThan(15000); // 5% of the corpus
    expect(start.evalTokens).toBe(start.validationTokens - 1);
    const evals = lines.filter((l) => l.type === 'eval');
    expect(evals.map((l) => l.step)).toEqual([400, 800, 1200, 1600, 2000]);
    const losses = evals.map((l) => l.valLoss as number);
    // Seeded and deterministic: each evaluation is lower than the one before (by 0.05 nats or more here).
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan((losses[i - 1] as number) - 0.02);
    expect(losses[0]).toBeLessThan(Math.log(start.vocabSize));
    expect(evals.every((l) => l.improved === true)).toBe(true);
    // The best checkpoint holds the record of its own evaluation.
    const best = JSON.parse(readFileSync(join(cwd, 'v.best.json'), 'utf8'));
    expect(best.payload.validation).toMatchObject({
      fraction: 0.05,
      bestStep: 2000,
      bestLoss: losses.at(-1),
    });
  });

  it.concurrent('rnn eval scores another text; rnn sample draws greedily, among the top k, and as JSON', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 's.txt', smallText(4000));
    const trained = await runCli(['train', file, '--hidden', '24', '--steps', '200', '--sample-every', '0'], {
      cwd,
    });
    expect(trained.code).toBe(0);
    const other = writeIn(cwd, 'other.txt', smallText(4000).slice(2000)); // its characters are all known
    const [text, json] = await Promise.all([
      runCli(['eval', 's.checkpoint.json', other], { cwd }),
      runCli(['eval', 's.checkpoint.json', other, '--json'], { cwd }),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^other\.txt: mean loss \d\.\d{4} nats\/char · \d\.\d{3} bits\/char over 1,999 characters\n$/,
    );
    const scored = JSON.parse(json.stdout);
    expect(scored).toMatchObject({
      checkpoint: 's.checkpoint.json',
      file: other,
      tokens: 1999,
      unknownTokens: [],
    });
    expect(scored.bitsPerToken).toBeCloseTo(scored.loss / Math.LN2, 12);

    const [greedy1, greedy2, topK, asJson] = await Promise.all([
      runCli(['sample', 's.checkpoint.json', '--argmax', '--length', '60', '--seed', '1'], { cwd }),
      runCli(['sample', 's.checkpoint.json', '--argmax', '--length', '60', '--seed', '2'], { cwd }),
      runCli(['sample', 's.checkpoint.json', '--top-k', '1', '--length', '60', '--seed', '3'], { cwd }),
      runCli(['sample', 's.checkpoint.json', '--json', '--length', '30', '--prime', 'The '], { cwd }),
    ]);
    expect(greedy1.code).toBe(0);
    expect(greedy1.stdout).toBe(greedy2.stdout);
    expect(topK.stdout).toBe(greedy1.stdout);
    const sample = JSON.parse(asJson.stdout);
    expect(sample).toMatchObject({ tokenCount: 30, temperature: 1, seed: 1 });
    expect(sample.text.startsWith('The ')).toBe(true);
    expect([...sample.text]).toHaveLength(34);
  });

  it.concurrent('at word level, prime words the model never saw are read as <unk>, and a note names them', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'w.txt', smallText(4000));
    const trained = await runCli(
      ['train', file, '--level', 'word', '--hidden', '16', '--seq-length', '8', '--steps', '30'],
      {
        cwd,
      },
    );
    expect(trained.code).toBe(0);
    const sample = await runCli(
      ['sample', 'w.checkpoint.json', '--prime', 'The zyzzyva sat', '--length', '5'],
      { cwd },
    );
    expect(sample.code).toBe(0);
    expect(sample.stderr).toBe('rnn sample: --prime: not in the vocabulary, read as <unk>: "zyzzyva"\n');
    const scored = await runCli(
      ['eval', 'w.checkpoint.json', writeIn(cwd, 'q.txt', 'The zyzzyva and the quokka.')],
      {
        cwd,
      },
    );
    expect(scored.stdout).toMatch(/perplexity .* \(2 distinct words read as <unk>\)/);
    expect(statSync(join(cwd, 'w.checkpoint.json')).isFile()).toBe(true);
  });
});
