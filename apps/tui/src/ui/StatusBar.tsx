// The bottom line: run state, the keys, and the last checkpoint written.
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
 * `● training   p pause · s save · q quit · ? help   saved step 1,000 → run.checkpoint.json`
 * @example <StatusBar model={model} />
 */
export function StatusBar({ model }: { model: TrainingModel }) {
  const state = STATES[model.status];
  const save = model.lastSave;
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
      <Text bold>?</Text>
      <Text dimColor> help</Text>
      {'   '}
      {model.notice !== undefined ? (
        <Text color={model.notice.startsWith('save failed') ? 'red' : 'magenta'}>{model.notice}</Text>
      ) : save !== undefined ? (
        <Text dimColor>
          saved step {formatInteger(save.step)} → {save.path}
        </Text>
      ) : null}
    </Text>
  );
}
