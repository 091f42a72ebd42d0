// The live loss chart: whole-run history, resampled to the terminal width, in a y-range that does not jitter.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import type { TrainingModel } from '../session/model.js';
import { StableRange } from '../session/stable-range.js';
import { chartLines } from './chart.js';
import { formatInteger } from './format.js';

/**
 * The chart with a legend line above it; `height` counts every row it takes.
 * @example <LossChart model={model} width={100} height={14} color />
 */
export function LossChart({
  model,
  width,
  height,
  color,
}: {
  model: TrainingModel;
  width: number;
  height: number;
  color: boolean;
}) {
  const range = useRef(new StableRange());
  const plotHeight = Math.max(1, height - 2);
  const chart = chartLines(model.history, range.current, {
    width: width - 1,
    height: plotHeight,
    color,
    validation: model.evaluations,
  });
  const stepsDone = (model.last?.step ?? 0) - (model.info?.startStep ?? 0);
  const logEvery = model.history.length > 0 ? stepsDone / model.history.length : 1;
  const stepsPerColumn = Math.max(1, Math.round(chart.eventsPerColumn * logEvery));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">
        {' '}
        <Text dimColor>loss (nats/token) </Text>
        <Text color="cyanBright">━ smoothed</Text>
        <Text dimColor>{'  ━ raw'}</Text>
        {model.evaluations.length > 0 ? <Text color="yellow">{'  ━● validation'}</Text> : null}
        <Text dimColor>
          {chart.lines.length > 0
            ? `   whole run, ${formatInteger(stepsPerColumn)} step${stepsPerColumn === 1 ? '' : 's'} per column`
            : ''}
        </Text>
      </Text>
      {chart.lines.length === 0 ? (
        <Text dimColor> the chart starts with the first step</Text>
      ) : (
        chart.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and redrawn every frame
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))
      )}
    </Box>
  );
}
