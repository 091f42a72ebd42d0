// The built bin on bad input: one clear line on stderr, exit status 2, no stack trace, nothing written.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, smallText, writeIn } from './run-cli.js';

/** Asserts a usage error: status 2, the message, a single stderr line, no stack frames, no stdout. */
async function expectUsageError(args: string[], message: string | RegExp, cwd = scratch()) {
  const result = await runCli(args, { cwd });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
  return result;
}

describe('rnn on bad input', () => {
  const dir = scratch();
  const text = smallText(2000);

  it.concurrent('a missing file', async () => {
    await expectUsageError(['train', join(dir, 'nope.txt')], /rnn train: .*nope\.txt: no such file$/m);
  });

  it.concurrent('a directory', async () => {
    mkdirSync(join(dir, 'folder'));
    await expectUsageError(['train', join(dir, 'folder')], /folder is a directory, not a text file/);
  });

  it.concurrent('an empty file', async () => {
    await expectUsageError(['train', writeIn(dir, 'empty.txt', '')], /empty\.txt is empty/);
  });

  it.concurrent('a binary file', async () => {
    const bytes = new Uint8Array([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x01, 0x02]);
    await expectUsageError(
      ['train', writeIn(dir, 'a.bin', bytes)],
      /a\.bin looks binary \(a NUL byte at offset 5\)/,
    );
  });

  it.concurrent('invalid UTF-8, with the byte offset', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('héllo w'), 0xff, 0x61]);
    await expectUsageError(
      ['train', writeIn(dir, 'latin.txt', bytes)],
      /latin\.txt: invalid UTF-8 at byte offset 8 \(byte 0xff\)/,
    );
  });

  it.concurrent('a text shorter than one sequence', async () => {
    await expectUsageError(
      ['train', writeIn(dir, 'short.txt', 'too short'), '--seq-length', '25'],
      /short\.txt has 9 characters: one sequence needs --seq-length \+ 1 = 26/,
    );
  });

  it.concurrent('a text shorter than one step of --batch sequences', async () => {
    await expectUsageError(
      ['train', writeIn(dir, 'batch.txt', 'a'.repeat(60)), '--seq-length', '25', '--batch', '4'],
      /batch\.txt has 60 characters: --batch 4 sequences need --batch × --seq-length \+ 1 = 101/,
    );
  });

  it.concurrent('out-of-range and non-numeric flags', async () => {
    const file = writeIn(dir, 'ok.txt', text);
    await Promise.all([
      expectUsageError(
        ['train', file, '--hidden', '0'],
        /--hidden must be an integer from 1 to 4096, got "0"/,
      ),
      expectUsageError(
        ['train', file, '--lr', 'fast'],
        /--lr must be a number above 0 and finite, got "fast"/,
      ),
      expectUsageError(['sample', 'x.json', '--temperature', '-2'], /--temperature/),
      expectUsageError(
        ['gradcheck', '--vocab', 'many'],
        /--vocab must be an integer from 2 to 64, got "many"/,
      ),
    ]);
  });

  it.concurrent('an unknown flag or command', async () => {
    await Promise.all([
      expectUsageError(['train', '--bogus'], /unknown flag --bogus \(see rnn train --help\)/),
      expectUsageError(['teach'], /unknown command "teach"/),
    ]);
  });

  it.concurrent('a missing checkpoint', async () => {
    await Promise.all([
      expectUsageError(['sample', join(dir, 'none.json')], /none\.json: no such checkpoint file/),
      expectUsageError(
        ['train', writeIn(dir, 'r.txt', text), '--resume', join(dir, 'gone.json')],
        /gone\.json: no such checkpoint file/,
      ),
    ]);
  });

  it.concurrent('a corrupt checkpoint', async () => {
    const corrupt = writeIn(dir, 'corrupt.json', '{"format": "rnn-core-checkpoint", "version": 1, "par');
    await Promise.all([
      expectUsageError(['sample', corrupt], /corrupt\.json: /),
      expectUsageError(['train', writeIn(dir, 'c.txt', text), '--resume', corrupt], /corrupt\.json: /),
    ]);
  });

  it.concurrent('a checkpoint directory that does not exist writes nothing', async () => {
    const cwd = scratch();
    await expectUsageError(
      ['train', writeIn(cwd, 't.txt', text), '--checkpoint', join(cwd, 'no/such/dir/c.json')],
      /directory .* does not exist/,
      cwd,
    );
    expect(readdirSync(cwd)).toEqual(['t.txt']);
  });
});

describe('rnn train, sample and eval refuse, writing nothing', () => {
  const text = smallText(2000);

  /** A usage error in a fresh folder holding only the given files; afterwards it holds exactly those. */
  async function refusedIn(files: Record<string, string>, args: (dir: string) => string[], message: RegExp) {
    const cwd = scratch();
    for (const [name, content] of Object.entries(files)) writeIn(cwd, name, content);
    await expectUsageError(args(cwd), message, cwd);
    expect(readdirSync(cwd).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files))
      expect(readFileSync(join(cwd, name), 'utf8')).toBe(content);
  }

  it.concurrent('an existing checkpoint without --resume or --force', async () => {
    await refusedIn(
      { 'n.txt': text, 'n.checkpoint.json': '{"a model": "of an earlier run"}' },
      () => ['train', 'n.txt'],
      /^rnn train: n\.checkpoint\.json already exists: add --resume n\.checkpoint\.json to continue it, or --force to replace it$/m,
    );
  });

  it.concurrent('an existing best model of an earlier run, and --checkpoint onto another file than the one resumed', async () => {
    await refusedIn(
      { 'n.txt': text, 'n.checkpoint.best.json': 'the best of an earlier run' },
      () => ['train', 'n.txt'],
      /n\.checkpoint\.best\.json already exists \(the best model of an earlier run\): add --force/,
    );
    await refusedIn(
      { 'n.txt': text, 'r.json': 'resume me', 'other.json': 'keep me' },
      () => ['train', 'n.txt', '--resume', 'r.json', '--checkpoint', 'other.json'],
      /other\.json already exists and is not the checkpoint being resumed \(r\.json\)/,
    );
  });

  it.concurrent('--val-fraction 1, or a value that leaves less than one sequence on either side', async () => {
    await refusedIn(
      { 'v.txt': text },
      () => ['train', 'v.txt', '--val-fraction', '1'],
      /--val-fraction must be a number from 0 up to, not including, 1, got "1"/,
    );
    await refusedIn(
      { 'v.txt': text },
      () => ['train', 'v.txt', '--val-fraction', '0.001'],
      /the text has 2000 tokens: holding out 0\.1% leaves 1998 for training and 2 for validation, but .* validation seqLength \+ 1 = 26/,
    );
    await refusedIn(
      { 'v.txt': text },
      () => ['train', 'v.txt', '--val-fraction', '0.99'],
      /leaves 20 for training and 1980 for validation, but training needs batchSize × seqLength \+ 1 = 26/,
    );
  });

  it.concurrent('--top-k 0, --eval-every 0, --argmax with --temperature, --force with --resume', async () => {
    await Promise.all([
      expectUsageError(
        ['sample', 'c.json', '--top-k', '0'],
        /--top-k must be an integer from 1 to 1000000, got "0"/,
      ),
      expectUsageError(
        ['train', '--eval-every', '0'],
        /--eval-every must be an integer from 1 to 1000000000, got "0"/,
      ),
      expectUsageError(
        ['sample', 'c.json', '--argmax', '--temperature', '0.5'],
        /--argmax takes the most likely token every time: --temperature does not apply/,
      ),
      expectUsageError(
        ['train', '--force', '--resume', 'c.json'],
        /--force starts a new run and --resume continues one: give one of them/,
      ),
      expectUsageError(
        ['train', '--no-halve'],
        /--no-halve concerns the SGD optimizer's rate halving: add --optimizer sgd/,
      ),
    ]);
  });

  it.concurrent('rnn eval without a file, or on a text with a character the model never saw', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'e.txt', 'abcabc'.repeat(20));
    const trained = await runCli(['train', file, '--hidden', '4', '--seq-length', '5', '--steps', '2'], {
      cwd,
    });
    expect(trained.code).toBe(0);
    await expectUsageError(
      ['eval', 'e.checkpoint.json'],
      /give the CHECKPOINT to evaluate and the FILE to score it on/,
      cwd,
    );
    await expectUsageError(
      ['eval', 'e.checkpoint.json', writeIn(cwd, 'z.txt', 'abcz')],
      /z\.txt: character "z" \(U\+007A\) at offset 3 is not in the vocabulary/,
      cwd,
    );
  });
});

describe('rnn --help and --version', () => {
  it.concurrent('print and exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rnn train [FILE]');
    const trainHelp = await runCli(['train', '--help']);
    expect(trainHelp.stdout).toContain('--seq-length N');
    for (const command of ['train', 'sample', 'eval', 'gradcheck', 'export']) {
      const short = await runCli([command, '-h']);
      expect(short.code).toBe(0);
      expect(short.stdout).toMatch(/^Usage: rnn /);
      expect(short.stdout).toMatch(/Exit status: 0 /);
      expect(short.stdout).toMatch(/Examples?:\n {2}rnn /);
    }
    expect(trainHelp.stdout).toContain('after step 100 the smoothed loss exceeds\n3 × ln K');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
