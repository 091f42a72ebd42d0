// The built bin on bad input: one clear line on stderr, exit status 2, no stack trace, nothing written.
import { mkdirSync, readdirSync } from 'node:fs';
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

describe('rnn --help and --version', () => {
  it.concurrent('print and exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rnn train [FILE]');
    const trainHelp = await runCli(['train', '--help']);
    expect(trainHelp.stdout).toContain('--seq-length N');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
