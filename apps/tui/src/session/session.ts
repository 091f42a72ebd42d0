// What the live screen drives: a training session it can observe, pause, save and stop.
import type { TrainingModel } from './model.js';

/**
 * Why the session stops: a `q` key (exit 0) or an interrupt, Ctrl-C or SIGINT (exit 130).
 * @example session.stop('interrupt'); // Ctrl-C: save, then exit 130
 */
export type StopReason = 'quit' | 'interrupt';

/**
 * A running training session as the screen sees it. The real one trains in a worker thread; tests
 * use a fake fed with a scripted event stream.
 * @example
 * const unsubscribe = session.subscribe(() => redraw(session.model));
 * session.togglePause();
 */
export interface Session {
  /** The state folded from every event so far. */
  readonly model: TrainingModel;
  /** Calls `listener` after each batch of events; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Pauses a running session or resumes a paused one (between two steps). */
  togglePause(): void;
  /** Saves a checkpoint now (between two steps); a 'checkpoint' event follows. */
  save(): void;
  /** Saves a checkpoint, then stops training; the process exits when the session is finished. */
  stop(reason: StopReason): void;
}
