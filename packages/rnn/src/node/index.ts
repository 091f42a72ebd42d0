// @rnn/core/node: what needs Node.js (files, the shipped corpus on disk); everything else is in '@rnn/core'.

/**
 * The parts of @rnn/core that need Node.js: checkpoint files (atomic saves) and the corpus that ships with the
 * package.
 *
 * @module @rnn/core/node
 */

export { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
