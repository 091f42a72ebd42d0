// The training thread: runs @rnn/core's trainer, batches its events to the main thread, and between two
// steps handles pause, save and stop requests. Checkpoints are saved here (atomically, by @rnn/core).
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint, TrainEvent, Trainer } from '@rnn/core';
import { buildVocabulary, createTrainer, RnnError } from '@rnn/core';
import { loadCheckpoint, saveCheckpoint } from '@rnn/core/node';
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

function save(): void {
  if (trainer === undefined) return;
  try {
    const checkpoint = trainer.checkpoint();
    saveCheckpoint(input.checkpointPath, checkpoint);
    post({ type: 'saved', path: input.checkpointPath, step: checkpoint.progress.step });
  } catch (error) {
    post({ type: 'save-failed', message: (error as Error).message });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'pause') paused = true;
  else if (message.type === 'resume') paused = false;
  else if (message.type === 'save') save();
  else if (message.type === 'stop') stopRequested = true;
  if (!paused || stopRequested) wake?.();
});

/**
 * A resumed run keeps the checkpoint's optimizer settings and seed (@rnn/core takes them from it); a flag
 * asking for others would be silently ignored, so it is refused instead.
 */
function assertResumable(resume: Checkpoint): void {
  const saved = resume.hyperparameters;
  const { learningRate, seed } = input.options;
  if (learningRate !== undefined && learningRate !== saved.learningRate) {
    throw new SetupError(
      `--lr ${learningRate} contradicts the checkpoint's ${saved.learningRate}: a resumed run keeps it`,
    );
  }
  if (seed !== undefined && seed !== saved.seed) {
    throw new SetupError(`--seed ${seed} contradicts the checkpoint's ${saved.seed}: a resumed run keeps it`);
  }
}

function setUp(): Trainer {
  const { text } = input.options;
  let resume: Checkpoint | undefined;
  if (input.resumePath !== undefined) {
    try {
      resume = loadCheckpoint(input.resumePath);
    } catch (error) {
      throw new SetupError(`${input.resumePath}: ${(error as Error).message}`);
    }
  }
  if (resume !== undefined) assertResumable(resume);
  // A sequence needs seqLength inputs and their next tokens as targets: seqLength + 1 tokens at least.
  const level = resume?.vocabulary.level ?? input.options.level ?? 'char';
  const seqLength = resume?.hyperparameters.seqLength ?? input.options.seqLength ?? 25;
  const tokens = buildVocabulary(text, { level }).encode(text).length;
  if (tokens < seqLength + 1) {
    throw new SetupError(
      `${input.options.source ?? 'the text'} has ${tokens} ${level === 'word' ? 'words' : 'characters'}: ` +
        `one sequence needs --seq-length + 1 = ${seqLength + 1}`,
    );
  }
  return createTrainer(resume === undefined ? input.options : { ...input.options, resume });
}

async function main(): Promise<void> {
  let started = false;
  try {
    trainer = setUp();
    for await (const event of trainer.run()) {
      if (event.type === 'start') started = true;
      pending.push(event);
      if (event.type !== 'step' || Date.now() - lastFlush >= input.flushMs) flush();
      if (event.type === 'error') return post({ type: 'finished', outcome: 'diverged' });
      if (event.type === 'done') {
        save();
        return post({ type: 'finished', outcome: 'done' });
      }
      if (event.type === 'step' && input.saveEvery > 0 && event.step % input.saveEvery === 0) save();
      if (paused && !stopRequested) {
        flush();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (stopRequested) {
        flush();
        post({ type: 'stopping' });
        save();
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
