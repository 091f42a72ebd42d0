// The top of the live screen: the title and what is being trained.
import { Box, Text } from 'ink';
import type { StartEvent } from '../session/model.js';
import { formatInteger, formatScalar } from './format.js';

/**
 * Title line, then the data (file, tokens, vocabulary) and the model (size, optimizer, seed) on a line each.
 * @example <Header info={startEvent} />
 */
export function Header({ info }: { info: StartEvent | undefined }) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyanBright">
          {' rnn '}
        </Text>
        <Text dimColor>vanilla RNN · gradients as einsum contractions · BPTT</Text>
      </Text>
      {info === undefined ? (
        <>
          <Text dimColor wrap="truncate-end">
            {' '}
            reading the text and building the model…
          </Text>
          <Text> </Text>
        </>
      ) : (
        <>
          <Text wrap="truncate-end">
            <Text dimColor>{' data   '}</Text>
            <Text bold>{info.source}</Text>
            <Text dimColor> · </Text>
            {formatInteger(info.tokens)} tokens
            {info.validationTokens > 0 ? `, ${formatInteger(info.validationTokens)} held out` : ''}
            <Text dimColor> · </Text>
            vocab {formatInteger(info.vocabSize)} {info.level === 'char' ? 'chars' : 'words'}
          </Text>
          <Text wrap="truncate-end">
            <Text dimColor>{' model  '}</Text>
            hidden {info.hiddenSize}
            <Text dimColor> · </Text>
            {formatInteger(info.parameterCount)} params<Text dimColor> · </Text>
            seq {info.seqLength}
            {info.batchSize > 1 ? ` × batch ${info.batchSize}` : ''}
            {info.precision === 'float32' ? ' · float32' : ''}
            <Text dimColor> · </Text>
            {info.optimizer} lr {formatScalar(info.learningRate)}
            <Text dimColor> · </Text>
            seed {info.seed}
          </Text>
        </>
      )}
    </Box>
  );
}
