// The run's history, written once above the live area (Ink's <Static>) so that it scrolls: notes and text samples.
import { Box, Static, Text } from 'ink';
import type { LogEntry } from '../session/model.js';
import { formatInteger, formatMeasures } from './format.js';

/**
 * Each sample under a rule naming its step and the smoothed loss at that moment; each note as one line.
 * @example <RunLog entries={model.log} level="char" width={100} />
 */
export function RunLog({
  entries,
  level,
  width,
}: {
  entries: readonly LogEntry[];
  level: 'char' | 'word';
  width: number;
}) {
  return (
    <Static items={[...entries]}>
      {(entry) => {
        if (entry.kind === 'note') {
          return (
            <Box key={entry.id} paddingBottom={1}>
              <Text color="yellow">{` note: ${entry.text}`}</Text>
            </Box>
          );
        }
        const title = ` sample at step ${formatInteger(entry.step)}${
          entry.smoothLoss === undefined ? '' : ` · loss ${formatMeasures(entry.smoothLoss, level)}`
        } `;
        return (
          <Box key={entry.id} flexDirection="column" paddingBottom={1}>
            <Text dimColor>
              {'──'}
              <Text color="magenta">{title}</Text>
              {'─'.repeat(Math.max(0, Math.min(width, 100) - title.length - 3))}
            </Text>
            <Text>{entry.text.replace(/\r/g, '').trimEnd()}</Text>
          </Box>
        );
      }}
    </Static>
  );
}
