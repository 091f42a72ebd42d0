// @rnn/core/node: what needs Node.js (files, the shipped corpus on disk); everything else is in '@rnn/core'.

export { loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
