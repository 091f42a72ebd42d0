// The help panel shown in place of the chart while `?` is toggled on.
import { Box, Text } from 'ink';

const KEYS: readonly (readonly [string, string])[] = [
  ['p', 'pause or resume training (between two steps)'],
  ['s', 'save a checkpoint now (atomic: temp file, then rename)'],
  ['q', 'save a checkpoint, then quit'],
  ['g', 'show or hide the gradient flow ‖∂s_t/∂s_r‖ against t − r'],
  ['Ctrl-C', 'same as q, exit status 130'],
  ['?', 'show or hide this help'],
];

/**
 * The keys and what the numbers mean, in `height` rows.
 * @example <Help height={12} />
 */
export function Help({ height }: { height: number }) {
  const notes = [
    'loss: mean cross-entropy per token of the latest update, eq. (2), in nats; bpc: the same in bits per',
    '  character (ppl, perplexity e^loss, at word level); smoothed: exponential average; a uniform guess: ln K.',
    'valid: the loss of the held-out end of the text, no update; ★ best: its lowest, saved as .best.json.',
    '‖∇‖: norm of the gradient before clipping; clipped: share of recent steps clipped.',
    'The run stops if the loss is not finite, or after step 100 the smoothed loss passes 3 ln K.',
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
