// The live screen: header, progress, numbers, chart (or help, or gradient flow), status; history above.
import { Box, Text, useInput, useStdin } from 'ink';
import { useEffect, useState } from 'react';
import type { Session } from '../session/session.js';
import { FlowPanel } from './FlowPanel.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { LossChart } from './LossChart.js';
import { Progress } from './Progress.js';
import { RunLog } from './RunLog.js';
import { Stats, ValidationStats } from './Stats.js';
import { SaveLine, StatusBar } from './StatusBar.js';
import { useTerminalSize } from './use-terminal-size.js';

/**
 * Rows of the live frame besides the chart: 3 header, blank, progress, train, valid, blank, blank, status,
 * checkpoints, error.
 */
const FIXED_ROWS = 12;
/** The frame stays this many rows shorter than the terminal, so Ink never has to clear the screen. */
const SPARE_ROWS = 1;

/**
 * Props of the live screen.
 * @example render(<App session={session} color frameMs={100} />);
 */
export interface AppProps {
  readonly session: Session;
  /** Colour in the chart (Ink's own colours follow FORCE_COLOR). */
  readonly color: boolean;
  /** Milliseconds between redraws while events stream in (about 10 fps). */
  readonly frameMs?: number;
}

/** What the panel under the numbers shows. */
type Panel = 'chart' | 'help' | 'flow';

/**
 * Renders a training session and maps the keys p, s, q, g, ?, Ctrl-C onto it.
 * @example render(<App session={session} color />, { exitOnCtrlC: false });
 */
export function App({ session, color, frameMs = 100 }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  const [, setFrame] = useState(0);
  const [panel, setPanel] = useState<Panel>('chart');
  const toggle = (shown: Panel) => setPanel((current) => (current === shown ? 'chart' : shown));
  const redraw = () => setFrame((f) => f + 1);

  useEffect(() => {
    let dirty = true;
    const unsubscribe = session.subscribe(() => {
      dirty = true;
    });
    const timer = setInterval(() => {
      if (!dirty) return;
      dirty = false;
      setFrame((f) => f + 1);
    }, frameMs);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [session, frameMs]);

  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') session.stop('interrupt');
      else if (input === 'q') session.stop('quit');
      else if (input === 'p') session.togglePause();
      else if (input === 's') session.save();
      else if (input === 'g') toggle('flow');
      else if (input === '?' || (panel === 'help' && key.escape)) toggle('help');
      redraw();
    },
    { isActive: isRawModeSupported === true },
  );

  const model = session.model;
  if (model.info === undefined) {
    // Until the trainer starts, a four-line frame: the first frame is drawn by cold code, so small is fast.
    return (
      <Box flexDirection="column">
        <Header info={undefined} />
        <StatusBar model={model} />
      </Box>
    );
  }
  const width = Math.max(20, columns);
  // The chart takes the rows left (22 at most); in a terminal too short for 3 of them it is left out.
  const chartHeight = Math.min(22, rows - FIXED_ROWS - SPARE_ROWS);
  return (
    <Box flexDirection="column">
      <RunLog entries={model.log} level={model.info.level} width={width} />
      <Header info={model.info} />
      <Text> </Text>
      <Progress model={model} width={width} />
      <Stats model={model} />
      <ValidationStats model={model} />
      <Text> </Text>
      {chartHeight < 3 ? null : panel === 'help' ? (
        <Help height={chartHeight} />
      ) : panel === 'flow' ? (
        <FlowPanel model={model} width={width} height={chartHeight} />
      ) : (
        <LossChart model={model} width={width} height={chartHeight} color={color} />
      )}
      <Text> </Text>
      <StatusBar model={model} />
      <SaveLine model={model} />
      {model.error !== undefined ? (
        <Text color="red" wrap="truncate-end">
          {' '}
          {model.error}
        </Text>
      ) : null}
    </Box>
  );
}
