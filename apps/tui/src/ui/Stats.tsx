// The numbers lines: training loss raw and smoothed with the learning rate, gradient norm and clipping; then the
// validation loss and the best so far.
import { Text } from 'ink';
import type { TrainingModel } from '../session/model.js';
import { formatInteger, formatMeasures, formatPercent, formatScalar } from './format.js';

/**
 * `train  loss 1.7736 · 2.559 bpc   smoothed 1.9281 · 2.782 bpc   lr 0.100   ‖∇‖  2.27  clipped 4.0%`
 * @example <Stats model={model} />
 */
export function Stats({ model }: { model: TrainingModel }) {
  const last = model.last;
  if (last === undefined || model.info === undefined)
    return <Text dimColor> waiting for the first step…</Text>;
  const level = model.info.level;
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{' train  '}</Text>
      <Text dimColor>loss </Text>
      <Text bold>{formatMeasures(last.loss, level)}</Text>
      <Text dimColor>{'   smoothed '}</Text>
      <Text bold color="cyanBright">
        {formatMeasures(last.smoothLoss, level)}
      </Text>
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

/**
 * `valid  loss 1.8812 · 2.714 bpc at step 9,000   ★ best 1.8650 · 2.691 bpc at step 8,000`, or what the run
 * does instead when it holds nothing out. The ★ is bright when the latest evaluation is the best.
 * @example <ValidationStats model={model} />
 */
export function ValidationStats({ model }: { model: TrainingModel }) {
  const info = model.info;
  if (info === undefined) return null;
  if (info.validationTokens === 0) {
    return (
      <Text dimColor wrap="truncate-end">
        {' valid  no held-out text (--val-fraction 0, or a text too short)'}
      </Text>
    );
  }
  const latest = model.evaluations.at(-1);
  const best = model.best;
  const isBest = latest !== undefined && best !== undefined && latest.step === best.step;
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{' valid  '}</Text>
      {latest === undefined ? (
        <Text dimColor>
          {`${formatInteger(info.evalTokens)} held-out tokens scored every ${formatInteger(info.validateEvery)} steps`}
        </Text>
      ) : (
        <>
          <Text dimColor>loss </Text>
          <Text bold color="yellow">
            {formatMeasures(latest.valLoss, info.level)}
          </Text>
          <Text dimColor> at step {formatInteger(latest.step)}</Text>
        </>
      )}
      {best === undefined ? null : (
        <>
          {'   '}
          <Text color={isBest ? 'greenBright' : undefined} dimColor={!isBest}>
            ★ best
          </Text>{' '}
          {formatMeasures(best.valLoss, info.level)}
          <Text dimColor> at step {formatInteger(best.step)}</Text>
        </>
      )}
    </Text>
  );
}
