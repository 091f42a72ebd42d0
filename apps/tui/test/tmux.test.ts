// The live screen in a real pseudo-terminal (tmux): frames appear, p pauses, s saves, q saves and quits.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, scratch, smallText, writeIn } from './run-cli.js';

/** A private tmux server (its own socket), so the test never touches anyone's sessions. */
const SOCKET = `rnn-tui-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'rnn');
// biome-ignore lint/suspicious/noControlCharactersInRegex: an SGR escape setting a foreground colour
const COLOUR_ESCAPE = /\x1b\[[0-9;]*(3[0-8]|9[0-7])(;[0-9]+)*m/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the captured screen until `test` holds (or fails after `timeoutMs`, showing the last screen). */
async function waitForScreen(
  test: (text: string) => boolean,
  what: string,
  timeoutMs = 10000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (test(text)) return text;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${text}`);
}

beforeAll(() => {
  // tmux is part of the machine's base image; where it is missing the test fails (never skips), in one line.
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
  } catch {
    const missing = new Error(
      'tmux not found on PATH: the terminal test drives a real tmux (apt-get install tmux)',
    );
    missing.stack = missing.message;
    throw missing;
  }
});

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // the server already exited with its last session
  }
});

describe('rnn train in a terminal', () => {
  it('draws frames, and answers p, s and q; the saved checkpoint loads', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'tty.txt', smallText(4000));
    const log = join(cwd, 'exit-status');
    // CI=true (as in CI) would make Ink print only its last frame: the CLI must draw live in a terminal anyway.
    // NO_COLOR: the screen must carry no colour codes (checked on the capture with escapes, below).
    const command = `env CI=true NO_COLOR=1 node ${CLI} train ${file} --hidden 32 --steps 1000000 --sample-every 200; echo $? > ${log}; sleep 30`;
    tmux('new-session', '-d', '-s', 'rnn', '-x', '100', '-y', '32', '-c', cwd, command);

    const running = await waitForScreen(
      (s) => /step\s+[\d,]+ \/ 1,000,000/.test(s) && s.includes('┤'),
      'a frame with the chart',
    );
    expect(running).toContain('tty.txt');
    expect(running).toContain('● training');
    expect(running).toMatch(/^ rnn /m); // the whole live frame fits: its first line is still on screen
    expect(tmux('capture-pane', '-p', '-e', '-t', 'rnn')).not.toMatch(COLOUR_ESCAPE);

    tmux('send-keys', '-t', 'rnn', 'p');
    await waitForScreen((s) => s.includes('❚❚ paused'), 'the paused state');
    const stepOf = (s: string) => /step\s+([\d,]+) \//.exec(s)?.[1];
    await sleep(500); // steps already under way when p was pressed still arrive
    const pausedAt = stepOf(screen());
    await sleep(500);
    expect(stepOf(screen())).toBe(pausedAt); // no step while paused

    tmux('send-keys', '-t', 'rnn', 's');
    await waitForScreen((s) => /saved step [\d,]+ → tty\.checkpoint\.json/.test(s), 'the saved notice');
    expect(existsSync(join(cwd, 'tty.checkpoint.json'))).toBe(true);

    tmux('send-keys', '-t', 'rnn', 'p');
    await waitForScreen((s) => s.includes('● training'), 'training again');
    tmux('send-keys', '-t', 'rnn', 'q');
    const final = await waitForScreen((s) => s.includes('try: rnn sample'), 'the summary after q');
    expect(final).toMatch(/saved tty\.checkpoint\.json at step [\d,]+/);
    await waitForScreen(() => existsSync(log), 'the exit status', 5000);
    expect(readFileSync(log, 'utf8').trim()).toBe('0');

    const sample = await runCli(['sample', join(cwd, 'tty.checkpoint.json'), '--length', '30']);
    expect(sample.code).toBe(0);
  });

  it('shows the validation loss beside the training loss, the best marker, and the gradient-flow panel on g', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'val.txt', smallText(6000));
    const checkpoint = join(cwd, 'val.json');
    const log = join(cwd, 'exit-status');
    const command = `env NO_COLOR=1 node ${CLI} train ${file} --checkpoint ${checkpoint} --hidden 32 --steps 1000000 --eval-every 100 --sample-every 0; echo $? > ${log}; sleep 30`;
    try {
      tmux('kill-session', '-t', 'rnn'); // the first test's session, if it ran
    } catch {
      // no server or no session: nothing to end
    }
    tmux('new-session', '-d', '-s', 'rnn', '-x', '100', '-y', '40', '-c', cwd, command);

    const chart = await waitForScreen(
      (s) =>
        /valid {2}loss \d\.\d{4} · \d\.\d{3} bpc at step [\d,]+/.test(s) &&
        s.includes('━● validation') &&
        /best → .*val\.best\.json/.test(s),
      'the validation line, its curve and the best checkpoint saved',
    );
    expect(chart).toMatch(/ train {2}loss \d\.\d{4} · \d\.\d{3} bpc {3}smoothed /);
    expect(chart).toMatch(/★ best \d\.\d{4} · \d\.\d{3} bpc at step [\d,]+/);
    expect(chart).toMatch(/^ data {3}val\.txt · 6,000 tokens, 300 held out/m);

    tmux('send-keys', '-t', 'rnn', 'g');
    const flow = await waitForScreen((s) => s.includes('reach '), 'the gradient-flow panel');
    expect(flow).toMatch(
      /gradient flow +‖∂s_t\/∂s_r‖ against t − r, log scale · step [\d,]+, t the last step of the chunk/,
    );
    expect(flow).toMatch(
      / reach (\d+ steps: the norm falls below|> \d+ steps: the norm stays above) 1e-3 × its value at t − r = 0/,
    );
    // ‖∂s_t/∂s_t‖ = ‖I‖ = √32 ≈ 5.7: the axis starts at the decade above, labelled 1e1, then 1e0 …
    expect(flow).toMatch(/^ +1e1┤\n(.*\n)* +1e0[┤┼]/m);
    expect(flow).toMatch(/ 0 +\d+ .* t − r/);
    expect(flow).not.toContain('━● validation');
    tmux('send-keys', '-t', 'rnn', 'g');
    await waitForScreen((s) => s.includes('━● validation'), 'the loss chart again');

    tmux('send-keys', '-t', 'rnn', 'q');
    const final = await waitForScreen(
      (s) => s.includes('best model (validation loss'),
      'the summary after q',
    );
    expect(final).toContain('best model (validation loss');
    // -J joins the lines the terminal wrapped: the summary names the best model's whole path.
    expect(tmux('capture-pane', '-p', '-J', '-t', 'rnn')).toMatch(
      /best model \(validation loss \d\.\d{4} · \d\.\d{3} bpc at step [\d,]+\): \/\S*val\.best\.json/,
    );
    await waitForScreen(() => existsSync(log), 'the exit status', 5000);
    expect(readFileSync(log, 'utf8').trim()).toBe('0');
    expect(existsSync(join(cwd, 'val.best.json'))).toBe(true);
  });
});
