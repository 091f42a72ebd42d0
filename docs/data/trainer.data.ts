// Build-time data of the trainer guide: the real screens captured from the terminal app, and its help texts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineLoader } from 'vitepress';
import { REPO_ROOT } from '../lib/repo.js';

/** The captures (the screen, the gradient-flow panel) and the help of each command, as text. */
export interface TrainerData {
  readonly screen: string;
  readonly capturePath: string;
  /** The gradient-flow panel (key g), from its title line to its reach line. */
  readonly flowPanel: string;
  readonly flowCapturePath: string;
  readonly help: {
    readonly main: string;
    readonly train: string;
    readonly sample: string;
    readonly eval: string;
    readonly gradcheck: string;
  };
  readonly helpPath: string;
}

declare const data: TrainerData;

export { data };

const CAPTURE = 'apps/tui/screen.txt';
const FLOW_CAPTURE = 'apps/tui/screen-flow.txt';
const HELP = 'apps/tui/src/cli/help.ts';

/** Reads the template literal `export const NAME = \`…\`;` from the app's help module (they hold no `${}`). */
function helpText(source: string, name: string): string {
  const match = new RegExp(`export const ${name} = \`([^\`]*)\`;`).exec(source);
  if (!match?.[1])
    throw new Error(`${HELP} no longer exports the help text ${name} as a plain template literal.`);
  return match[1];
}

/** A committed capture as a terminal would draw it: trailing blanks and any escape sequence removed. */
function capture(path: string): string {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8').replace(/\s+$/, '');
  if (text.trim().length === 0)
    throw new Error(`${path} is empty: capture the trainer's screen first (apps/tui/scripts/capture.mjs).`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the capture may contain ANSI escapes.
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/** The gradient-flow panel of a capture: from its title line to the line that gives the reach. */
function flowPanel(screen: string): string {
  const lines = screen.split('\n');
  const from = lines.findIndex((line) => line.startsWith(' gradient flow '));
  const to = lines.findIndex((line) => line.startsWith(' reach '));
  if (from < 0 || to < from)
    throw new Error(`${FLOW_CAPTURE} does not show the gradient-flow panel (key g).`);
  return lines.slice(from, to + 1).join('\n');
}

export default defineLoader({
  watch: [join(REPO_ROOT, CAPTURE), join(REPO_ROOT, FLOW_CAPTURE), join(REPO_ROOT, HELP)],
  load(): TrainerData {
    const source = readFileSync(join(REPO_ROOT, HELP), 'utf8');
    return {
      screen: capture(CAPTURE),
      capturePath: CAPTURE,
      flowPanel: flowPanel(capture(FLOW_CAPTURE)),
      flowCapturePath: FLOW_CAPTURE,
      help: {
        main: helpText(source, 'MAIN_HELP'),
        train: helpText(source, 'TRAIN_HELP'),
        sample: helpText(source, 'SAMPLE_HELP'),
        eval: helpText(source, 'EVAL_HELP'),
        gradcheck: helpText(source, 'GRADCHECK_HELP'),
      },
      helpPath: HELP,
    };
  },
});
