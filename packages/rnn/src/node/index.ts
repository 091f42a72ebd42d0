// @rnn/core/node: what needs Node.js (files, the shipped corpus on disk); everything else is in '@rnn/core'.

export type { AtomicWriteOptions } from './atomic-file.js';
export { isSafetensorsPath, loadCheckpoint, saveCheckpoint } from './checkpoint-file.js';
export { CORPUS_FILE_NAME, corpusCandidates, DEFAULT_CORPUS_PATH } from './corpus.js';
export { loadSafetensors, saveSafetensors } from './safetensors-file.js';
export type { TorchExportOptions } from './torch-export.js';
export { exportTorch, PYTHON_DIRECTORY, pythonCandidates, TORCH_EXPORT_FILES } from './torch-export.js';
