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
      ? `> ${last} steps: the norm stays above 1e-3 × its value at t − r = 0 across the chunk`
      : `${flow.reach} steps: the norm falls below 1e-3 × its value at t − r = 0 from t − r = ${flow.reach} on`;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">
        <Text bold> gradient flow </Text>
        <Text dimColor>
          {` ‖∂s_t/∂s_r‖ against t − r, log scale · step ${formatInteger(flow.step)}, t the last step of the chunk`}
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
        <Text bold>{reach}</Text>
      </Text>
    </Box>
  );
}
