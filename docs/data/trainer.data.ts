// Build-time data of the trainer guide: the real screen captured from the terminal app, and its help texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../lib/repo.js';

/** The capture and the help of each command, as text. */
export interface TrainerData {
  readonly screen: string;
  readonly capturePath: string;
  readonly help: {
    readonly main: string;
    readonly train: string;
    readonly sample: string;
    readonly gradcheck: string;
  };
  readonly helpPath: string;
}

declare const data: TrainerData;

export { data };

const CAPTURE = 'apps/tui/screen.txt';
const HELP = 'apps/tui/src/cli/help.ts';

/** Reads the template literal `export const NAME = \`…\`;` from the app's help module (they hold no `${}`). */
function helpText(source: string, name: string): string {
  const match = new RegExp(`export const ${name} = \`([^\`]*)\`;`).exec(source);
  if (!match?.[1])
    throw new Error(`${HELP} no longer exports the help text ${name} as a plain template literal.`);
  return match[1];
}

export default defineLoader({
  watch: [join(REPO_ROOT, CAPTURE), join(REPO_ROOT, HELP)],
  load(): TrainerData {
    const screen = readFileSync(join(REPO_ROOT, CAPTURE), 'utf8').replace(/\s+$/, '');
    if (screen.trim().length === 0)
      throw new Error(`${CAPTURE} is empty: capture the trainer's screen first.`);
    const source = readFileSync(join(REPO_ROOT, HELP), 'utf8');
    return {
      // Strip any escape sequence left in the capture, so that the page shows only what a terminal would draw.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the capture may contain ANSI escapes.
      screen: screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''),
      capturePath: CAPTURE,
      help: {
        main: helpText(source, 'MAIN_HELP'),
        train: helpText(source, 'TRAIN_HELP'),
        sample: helpText(source, 'SAMPLE_HELP'),
        gradcheck: helpText(source, 'GRADCHECK_HELP'),
      },
      helpPath: HELP,
    };
  },
});
