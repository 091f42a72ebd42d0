// The bottom lines: the run state and the keys, then the checkpoints written.
import { basename, dirname } from 'node:path';
import { Text } from 'ink';
import type { RunStatus, TrainingModel } from '../session/model.js';
import { formatInteger } from './format.js';

const STATES: Record<RunStatus, { glyph: string; label: string; color: string }> = {
  starting: { glyph: '◌', label: 'starting', color: 'gray' },
  running: { glyph: '●', label: 'training', color: 'green' },
  paused: { glyph: '❚❚', label: 'paused', color: 'yellow' },
  stopping: { glyph: '◍', label: 'saving and stopping', color: 'magenta' },
  done: { glyph: '✓', label: 'done', color: 'green' },
  failed: { glyph: '✗', label: 'diverged', color: 'red' },
};

/**
 * `● training   p pause · s save · q quit · g flow · ? help`, and a notice (saving, a failed save) when there is one.
 * @example <StatusBar model={model} />
 */
export function StatusBar({ model }: { model: TrainingModel }) {
  const state = STATES[model.status];
  return (
    <Text wrap="truncate-end">
      {' '}
      <Text color={state.color} bold>
        {state.glyph} {state.label}
      </Text>
      {'   '}
      <Text bold>p</Text>
      <Text dimColor>{model.status === 'paused' ? ' resume · ' : ' pause · '}</Text>
      <Text bold>s</Text>
      <Text dimColor> save · </Text>
      <Text bold>q</Text>
      <Text dimColor> quit · </Text>
      <Text bold>g</Text>
      <Text dimColor> flow · </Text>
      <Text bold>?</Text>
      <Text dimColor> help</Text>
      {model.notice !== undefined ? (
        <Text color={model.notice.startsWith('save failed') ? 'red' : 'magenta'}>
          {'   '}
          {model.notice}
        </Text>
      ) : null}
    </Text>
  );
}

/**
 * The checkpoints written so far: `saved step 9,000 → a.checkpoint.json · best → a.checkpoint.best.json` (the best
 * model's step is on the validation line). The best model lies beside the latest, so once the latest's path is
 * shown the best's is shown by its file name: long paths still fit the line.
 * @example <SaveLine model={model} />
 */
export function SaveLine({ model }: { model: TrainingModel }) {
  const { lastSave: save, lastBestSave: best } = model;
  if (save === undefined && best === undefined) return <Text dimColor> no checkpoint saved yet</Text>;
  const bestPath =
    best !== undefined && save !== undefined && dirname(best.path) === dirname(save.path)
      ? basename(best.path)
      : best?.path;
  return (
    <Text dimColor wrap="truncate-end">
      {' '}
      {save === undefined ? 'not saved yet' : `saved step ${formatInteger(save.step)} → ${save.path}`}
      {bestPath === undefined ? '' : ` · best → ${bestPath}`}
    </Text>
  );
}
