// The live screen: header, progress, numbers, chart (or help), status; samples above as history.
import { Box, Text, useInput, useStdin } from 'ink';
import { useEffect, useState } from 'react';
import type { Session } from '../session/session.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { LossChart } from './LossChart.js';
import { Progress } from './Progress.js';
import { SampleLog } from './SampleLog.js';
import { Stats } from './Stats.js';
import { StatusBar } from './StatusBar.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Rows of the live frame besides the chart: 3 header, blank, progress, stats, blank, blank, status, error. */
const FIXED_ROWS = 10;
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

/**
 * Renders a training session and maps the keys p, s, q, ?, Ctrl-C onto it.
 * @example render(<App session={session} color />, { exitOnCtrlC: false });
 */
export function App({ session, color, frameMs = 100 }: AppProps) {
  const { columns, rows } = useTerminalSize();
  const { isRawModeSupported } = useStdin();
  const [, setFrame] = useState(0);
  const [help, setHelp] = useState(false);
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
      else if (input === '?' || (help && key.escape)) setHelp((h) => !h);
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
      <SampleLog samples={model.samples} width={width} />
      <Header info={model.info} />
      <Text> </Text>
      <Progress model={model} width={width} />
      <Stats model={model} />
      <Text> </Text>
      {chartHeight < 3 ? null : help ? (
        <Help height={chartHeight} />
      ) : (
        <LossChart model={model} width={width} height={chartHeight} color={color} />
      )}
      <Text> </Text>
      <StatusBar model={model} />
      {model.error !== undefined ? (
        <Text color="red" wrap="truncate-end">
          {' '}
          {model.error}
        </Text>
      ) : null}
    </Box>
  );
}
