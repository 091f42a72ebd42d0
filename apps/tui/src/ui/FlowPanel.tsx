// The gradient-flow panel (key g): how far back in time the gradient reaches with the current parameters.
import { Box, Text } from 'ink';
import type { TrainingModel } from '../session/model.js';
import { flowChartLines } from './flow-chart.js';
import { formatInteger } from './format.js';

/**
 * ‖∂s_t/∂s_r‖ against t − r for the last step t of the latest chunk, on a log scale, with the distance at which
 * it falls below 1e-3 of its value at t − r = 0 (the reach), in `height` rows.
 * @example <FlowPanel model={model} width={100} height={22} />
 */
export function FlowPanel({ model, width, height }: { model: TrainingModel; width: number; height: number }) {
  const flow = model.flow;
  if (flow === undefined) {
    return (
      <Box flexDirection="column" height={height}>
        <Text bold> gradient flow</Text>
        <Text dimColor> measuring ‖∂s_t/∂s_r‖ with the current parameters (every 5 s at most)…</Text>
      </Box>
    );
  }
  const { lines, axis } = flowChartLines(flow.norms, width - 1, Math.max(1, height - 4));
  const last = flow.norms.length - 1;
  const reach =
    flow.reach === null
      ? `it stays above 1e-3 of its t − r = 0 value across the whole chunk (${last} steps back)`
      : `it falls below 1e-3 of its t − r = 0 value at t − r = ${flow.reach}: the gradient of step t reaches about ${flow.reach} steps back`;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">
        <Text bold> gradient flow</Text>
        <Text dimColor>
          {` at step ${formatInteger(flow.step)}: ‖∂s_t/∂s_r‖ (Frobenius, log scale) against t − r, t the last step of the latest chunk`}
        </Text>
      </Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and redrawn every frame
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text dimColor wrap="truncate-end">
        {`${axis}   t − r`}
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor> reach </Text>
        {reach}
      </Text>
    </Box>
  );
}
