// @rnn/core/node: what needs Node.js (files, safetensors and PyTorch exports on disk, the shipped corpus).

/**
 * The parts of @rnn/core that need Node.js: checkpoint files (atomic saves) and the corpus that ships with the
 * package.
 *
 * @module @rnn/core/node
 */

export type { AtomicWriteOptions } from './atomic-file.js';
export { isSafetensorsPath, loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
export { loadSafetensors, saveSafetensors } from './safetensors-file.js';
export type { TorchExportOptions } from './torch-export.js';
export { exportTorch, PYTHON_DIRECTORY, pythonCandidates, TORCH_EXPORT_FILES } from './torch-export.js';
