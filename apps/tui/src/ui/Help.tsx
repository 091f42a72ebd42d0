// The help panel shown in place of the chart while `?` is toggled on.
import { Box, Text } from 'ink';

const KEYS: readonly (readonly [string, string])[] = [
  ['p', 'pause or resume training (between two steps)'],
  ['s', 'save a checkpoint now (atomic: temp file, then rename)'],
  ['q', 'save a checkpoint, then quit'],
  ['Ctrl-C', 'same as q, exit status 130'],
  ['?', 'show or hide this help'],
];

/**
 * The keys and what the numbers mean, in `height` rows.
 * @example <Help height={12} />
 */
export function Help({ height }: { height: number }) {
  const notes = [
    'loss: mean cross-entropy per token of the latest update, eq. (2), in nats;',
    '  smoothed: exponential average; a uniform guess scores ln(vocab).',
    '‖∇‖: norm of the gradient before clipping; clipped: share of recent steps clipped.',
    'The chart spans the whole run: older steps are averaged into wider columns.',
  ];
  const lines = [...KEYS.map(([key, what]) => ({ key, what })), ...notes.map((what) => ({ key: '', what }))];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold> keys</Text>
      {lines.slice(0, Math.max(0, height - 1)).map(({ key, what }) => (
        <Text key={key + what} wrap="truncate-end">
          {'  '}
          <Text bold color="cyanBright">
            {key.padEnd(7)}
          </Text>
          <Text dimColor={key === ''}>{what}</Text>
        </Text>
      ))}
    </Box>
  );
}
