// The progress line: step of total, a bar, percent, elapsed time, ETA and throughput.
import { Text } from 'ink';
import type { TrainingModel } from '../session/model.js';
import { formatDuration, formatInteger, formatPercent, formatRate } from './format.js';

/**
 * A bar of `width` cells filled to `fraction`, with an eighth-block edge for smooth motion.
 * @example progressBar(0.5, 4) // '██░░'
 */
export function progressBar(fraction: number, width: number): string {
  const cells = Math.max(0, Math.floor(width));
  const exact = Math.min(1, Math.max(0, fraction)) * cells;
  const full = Math.floor(exact);
  const partial = ' ▏▎▍▌▋▊▉'[Math.floor((exact - full) * 8)] ?? ' ';
  const edge = full < cells && partial !== ' ' ? partial : '';
  return '█'.repeat(full) + edge + '░'.repeat(Math.max(0, cells - full - edge.length));
}

/**
 * `step 1,234 / 10,000 ██████░░░░ 12.3%  1m 02s elapsed · ETA 7m 21s · 9.99k tok/s`, the bar sized to the width.
 * @example <Progress model={model} width={100} />
 */
export function Progress({ model, width }: { model: TrainingModel; width: number }) {
  const total = model.info?.totalSteps ?? 0;
  const step = model.last?.step ?? model.info?.startStep ?? 0;
  const counter = `${formatInteger(step).padStart(formatInteger(total).length)} / ${formatInteger(total)}`;
  const rate = model.tokensPerSecond ?? model.last?.tokensPerSecond;
  const throughput = rate === undefined ? '' : ` · ${formatRate(rate)} tok/s`;
  const times = `${formatDuration(model.last?.elapsedSeconds ?? 0)} elapsed · ETA ${formatDuration(model.etaSeconds)}${throughput}`;
  // A multiple of 10 cells, so that each tenth of the run fills whole cells.
  const barWidth = Math.max(
    5,
    Math.min(40, 10 * Math.floor((width - counter.length - times.length - 20) / 10)),
  );
  return (
    <Text wrap="truncate-end">
      {' '}
      <Text dimColor>step </Text>
      <Text bold>{counter}</Text> <Text color="cyan">{progressBar(model.progress, barWidth)}</Text>{' '}
      <Text bold>{formatPercent(model.progress).padStart(6)}</Text>
      <Text dimColor>{'   '}</Text>
      {times}
    </Text>
  );
}
