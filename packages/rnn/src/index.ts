// Public API of @rnn/core: export lines are grouped by module (rnn-math's modules, then rnn-train's).

// errors
export type { RnnErrorCode } from './errors.js';
export { RnnError } from './errors.js';
