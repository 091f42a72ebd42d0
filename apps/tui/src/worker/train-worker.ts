// The training thread: runs @rnn/core's trainer, batches its events to the main thread, hands it the latest and
// the best checkpoints to write, and between two steps handles pause, save and stop requests.
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint, CheckpointEvent, TrainEvent, Trainer } from '@rnn/core';
import { createTrainer, RnnError, textNeeds } from '@rnn/core';
import { loadCheckpoint } from '@rnn/core/node';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.js';

const input = workerData as WorkerInput;
const port = parentPort;
if (port === null) throw new Error('train-worker.js runs as a worker thread of the rnn CLI');
const post = (message: FromWorker) => port.postMessage(message);

/** A problem with the user's input found while setting up: reported as a usage error (exit 2). */
class SetupError extends Error {}

let trainer: Trainer | undefined;
let paused = false;
let stopRequested = false;
let wake: (() => void) | undefined;
let pending: TrainEvent[] = [];
let lastFlush = Date.now();

function flush(): void {
  if (pending.length > 0) post({ type: 'events', events: pending });
  pending = [];
  lastFlush = Date.now();
}

/** Queues an event for the main thread; everything but a step goes at once, steps in batches. */
function emit(event: TrainEvent): void {
  pending.push(event);
  if (event.type !== 'step' || Date.now() - lastFlush >= input.flushMs) flush();
}

/**
 * Hands `checkpoint` to the main thread, which writes it atomically and reports it (or the failure) in the event
 * stream: serialising and writing take longer than many steps, and the training thread need not wait for them.
 * The events before it go first, so the stream keeps its order.
 */
function write(kind: CheckpointEvent['kind'], path: string, checkpoint: Checkpoint): void {
  flush();
  post({ type: 'save', kind, path, checkpoint });
}

const saveLatest = () => trainer && write('latest', input.checkpointPath, trainer.checkpoint());
const saveBest = () => {
  const best = trainer?.bestCheckpoint();
  if (best !== undefined) write('best', input.bestPath, best);
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'pause') paused = true;
  else if (message.type === 'resume') paused = false;
  else if (message.type === 'save') saveLatest();
  else if (message.type === 'stop') stopRequested = true;
  if (!paused || stopRequested) wake?.();
});

function setUp(): Trainer {
  let resume: Checkpoint | undefined;
  if (input.resumePath !== undefined) {
    try {
      resume = loadCheckpoint(input.resumePath);
    } catch (error) {
      throw new SetupError(`${input.resumePath}: ${(error as Error).message}`);
    }
  }
  const options = resume === undefined ? input.options : { ...input.options, resume };
  try {
    // core decides what a run needs (its defaults, or a resumed run's settings); the CLI words it in its flags
    const { level, batchSize, tokens, needed } = textNeeds(options);
    if (tokens < needed) {
      const need =
        batchSize === 1
          ? `one sequence needs --seq-length + 1 = ${needed}`
          : `--batch ${batchSize} sequences need --batch × --seq-length + 1 = ${needed}`;
      const unit = level === 'word' ? 'words' : 'characters';
      throw new SetupError(`${input.options.source ?? 'the text'} has ${tokens} ${unit}: ${need}`);
    }
    return createTrainer(options);
  } catch (error) {
    if (!(error instanceof RnnError && input.autoResumed)) throw error;
    throw new SetupError(
      `${error.message} (rnn train without FILE resumed ${input.resumePath}; --force starts over)`,
    );
  }
}

/** Waits while paused; true when the run should stop now (after saving). */
async function holdWhilePaused(): Promise<boolean> {
  if (paused && !stopRequested) {
    flush();
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  return stopRequested;
}

async function main(): Promise<void> {
  let started = false;
  let totalSteps = 0;
  try {
    trainer = setUp();
    if (input.staleBest !== undefined) rmSync(input.staleBest, { force: true });
    for await (const event of trainer.run()) {
      if (event.type === 'start') {
        started = true;
        totalSteps = event.totalSteps;
        emit({ ...event, notices: [...input.notices, ...event.notices] });
      } else emit(event);
      if (event.type === 'eval' && event.improved) saveBest();
      if (event.type === 'error') return post({ type: 'finished', outcome: 'diverged' });
      if (event.type === 'done') {
        saveLatest();
        flush();
        return post({ type: 'finished', outcome: 'done' });
      }
      // A periodic save that falls on the last step is left to the 'done' save that follows at once.
      const periodic = event.type === 'step' && input.saveEvery > 0 && event.step % input.saveEvery === 0;
      if (periodic && event.step < totalSteps) saveLatest();
      // (checked before awaiting: a run that is neither paused nor stopping goes on without a turn of the loop)
      if ((paused || stopRequested) && (await holdWhilePaused())) {
        flush();
        post({ type: 'stopping' });
        saveLatest();
        flush();
        return post({ type: 'finished', outcome: 'stopped' });
      }
    }
  } catch (error) {
    flush();
    const usage = error instanceof SetupError || (!started && error instanceof RnnError);
    post({ type: 'fatal', usage, message: (error as Error).message });
  }
}

void main();
