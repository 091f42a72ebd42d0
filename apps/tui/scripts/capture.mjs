// Captures the live screen for the READMEs and the docs: the built `rnn train` on the shipped corpus with the
// defaults, in a private tmux server at 100 × 44, near the end of its 10,000 steps (screen.txt), then the
// gradient-flow panel (screen-flow.txt). Run after the build; then `node scripts/readme.mjs` updates the READMEs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const socket = `rnn-capture-${process.pid}`;
/** @param {string[]} args */
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'rnn');
/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The step on the progress line, or -1. @param {string} text */
const stepOf = (text) => Number((/step\s+([\d,]+) \//.exec(text)?.[1] ?? '-1').replaceAll(',', ''));

/**
 * Polls the screen until `test` holds; throws with the last screen after `seconds`.
 * @param {(text: string) => boolean} test @param {string} what
 */
async function waitFor(test, what, seconds = 600) {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(50)) {
    const text = screen();
    if (test(text)) return text;
  }
  throw new Error(`timed out waiting for ${what}:\n${screen()}`);
}

/** The capture as committed: no trailing blanks on a line, no blank lines at the end. @param {string} text */
const tidy = (text) => `${text.replace(/[ \t]+$/gm, '').replace(/\s+$/, '')}\n`;

const cwd = mkdtempSync(join(tmpdir(), 'rnn-capture-'));
// A fresh checkpoint in a scratch folder, named as the default would be, so the screen shows the usual name.
const command = `NO_COLOR=1 node ${cli} train --checkpoint harbour-tales.checkpoint.json; sleep 60`;
tmux('new-session', '-d', '-s', 'rnn', '-x', '100', '-y', '44', '-c', cwd, command);
try {
  const main = await waitFor(
    (s) => stepOf(s) >= 9600 && /valid {2}loss .* at step 9,000/.test(s),
    'step 9,600',
  );
  tmux('send-keys', '-t', 'rnn', 'g');
  const flow = await waitFor((s) => s.includes(' reach '), 'the gradient-flow panel', 30);
  const here = (name) => fileURLToPath(new URL(`../${name}`, import.meta.url));
  writeFileSync(here('screen.txt'), tidy(main));
  writeFileSync(here('screen-flow.txt'), tidy(flow));
  console.log(
    `captured at step ${stepOf(main).toLocaleString('en')} and ${stepOf(flow).toLocaleString('en')}`,
  );
} finally {
  tmux('kill-server');
}
