// Build-time data of the trainer guide: the real screen captured from the terminal app.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../lib/repo.js';

/** The capture, as text. */
export interface TrainerData {
  readonly screen: string;
  readonly path: string;
}

declare const data: TrainerData;

export { data };

const CAPTURE = 'apps/tui/screen.txt';

export default defineLoader({
  watch: [join(REPO_ROOT, CAPTURE)],
  load(): TrainerData {
    const screen = readFileSync(join(REPO_ROOT, CAPTURE), 'utf8').replace(/\s+$/, '');
    if (screen.trim().length === 0)
      throw new Error(`${CAPTURE} is empty: capture the trainer's screen first.`);
    // Strip any escape sequence left in the capture so that the page shows only what a terminal would draw.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the capture may contain ANSI escapes.
    return { screen: screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''), path: CAPTURE };
  },
});
