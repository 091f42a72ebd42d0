// Text samples drawn every N steps, written once above the live area (Ink's <Static>), so they scroll as history.
import { Box, Static, Text } from 'ink';
import type { SampleEntry } from '../session/model.js';
import { formatInteger, formatLoss } from './format.js';

/**
 * Each sample under a rule naming its step and the smoothed loss at that moment.
 * @example <SampleLog samples={model.samples} width={100} />
 */
export function SampleLog({ samples, width }: { samples: readonly SampleEntry[]; width: number }) {
  return (
    <Static items={[...samples]}>
      {(sample) => {
        const title = ` sample at step ${formatInteger(sample.step)}${
          sample.smoothLoss === undefined ? '' : ` · loss ${formatLoss(sample.smoothLoss)}`
        } `;
        return (
          <Box key={sample.id} flexDirection="column" paddingBottom={1}>
            <Text dimColor>
              {'──'}
              <Text color="magenta">{title}</Text>
              {'─'.repeat(Math.max(0, Math.min(width, 100) - title.length - 3))}
            </Text>
            <Text>{sample.text.replace(/\r/g, '').trimEnd()}</Text>
          </Box>
        );
      }}
    </Static>
  );
}
