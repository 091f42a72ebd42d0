// The numbers line: loss raw and smoothed, throughput, learning rate, gradient norm and clipping.
import { Text } from 'ink';
import type { TrainingModel } from '../session/model.js';
import { formatLoss, formatPercent, formatRate, formatScalar } from './format.js';

/**
 * `loss 2.3456  smoothed 2.4012 nats/token   12.3k tok/s   lr 0.100   ‖∇‖ 3.21  clipped 4.0%`
 * @example <Stats model={model} />
 */
export function Stats({ model }: { model: TrainingModel }) {
  const last = model.last;
  if (last === undefined) return <Text dimColor> waiting for the first step…</Text>;
  return (
    <Text wrap="truncate-end">
      {' '}
      <Text dimColor>loss </Text>
      <Text bold>{formatLoss(last.loss)}</Text>
      <Text dimColor>{'  smoothed '}</Text>
      <Text bold color="cyanBright">
        {formatLoss(last.smoothLoss)}
      </Text>
      <Text dimColor> nats/token</Text>
      {'   '}
      <Text bold>{formatRate(model.tokensPerSecond ?? last.tokensPerSecond)}</Text>
      <Text dimColor> tok/s</Text>
      {'   '}
      <Text dimColor>lr </Text>
      {formatScalar(last.learningRate)}
      {'   '}
      <Text dimColor>‖∇‖ </Text>
      {formatScalar(last.gradNorm).padStart(5)}
      {'  '}
      <Text color={last.clipped ? 'yellow' : undefined} dimColor={!last.clipped}>
        clipped {formatPercent(model.clipRate)}
      </Text>
    </Text>
  );
}
