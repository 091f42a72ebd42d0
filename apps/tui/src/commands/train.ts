// `rnn train`: validates the input, starts the training worker and renders it live (Ink) or as JSON lines.
import { basename, extname } from 'node:path';
import { shippedCorpusPath } from '../build-info.js';
import type { TrainArgs } from '../cli/args.js';
import { assertReadableCheckpoint, assertWritableCheckpoint, resumeNotice } from '../cli/checkpoint-file.js';
import { readTrainingText } from '../cli/text-file.js';
import { JsonLinePrinter } from '../render/json-lines.js';
import { loadScreen } from '../render/load-screen.js';
import { type SessionEnd, WorkerSession } from '../session/worker-session.js';
import { formatInteger, formatLoss } from '../ui/format.js';
import type { WorkerInput } from '../worker/protocol.js';

/** Milliseconds between batches of step events from the worker (the screen redraws at about 10 fps). */
const FLUSH_MS = 50;

/** The object without its undefined fields (absent options take @rnn/core's defaults or the checkpoint's). */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The worker's input from validated flags; reading and checking every file happens here, synchronously.
 * The worker sees every step (for periodic saves); the renderers average throughput over their own intervals.
 */
async function workerInput(args: TrainArgs): Promise<WorkerInput> {
  const file = args.file ?? (await shippedCorpusPath());
  const text = readTrainingText(file);
  if (args.resume !== undefined) assertReadableCheckpoint(args.resume);
  const checkpointPath = args.checkpoint ?? `${basename(file, extname(file))}.checkpoint.json`;
  assertWritableCheckpoint(checkpointPath);
  return {
    options: definedOnly({
      text,
      source: basename(file),
      level: args.level,
      hiddenSize: args.hiddenSize,
      seqLength: args.seqLength,
      batchSize: args.batchSize,
      optimizer: args.optimizer,
      learningRate: args.learningRate,
      truncate: args.truncate,
      steps: args.steps,
      seed: args.seed,
      logEvery: 1,
      sampleEvery: args.sampleEvery,
      sampleLength: args.sampleLength,
    }),
    resumePath: args.resume,
    checkpointPath,
    saveEvery: args.saveEvery,
    flushMs: FLUSH_MS,
  };
}

/** Ctrl-C / SIGINT: the first one saves and stops (exit 130), a second one exits at once. */
function onInterrupt(session: WorkerSession): void {
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    session.stop('interrupt');
  });
}

/** The line printed after the screen closes: where the model is and how far it got. */
function summary(session: WorkerSession): string | undefined {
  const save = session.model.lastSave;
  if (save === undefined) return undefined;
  const loss = session.model.last?.smoothLoss;
  const at = loss === undefined ? '' : `, smoothed loss ${formatLoss(loss)} nats/token`;
  return `saved ${save.path} at step ${formatInteger(save.step)}${at}; try: rnn sample ${save.path}`;
}

/**
 * Runs `rnn train` and resolves to the exit status (0 done or q, 130 interrupted, 1 diverged, 2 bad input).
 * @example process.exitCode = await runTrain(parseCommand(['train', 'a.txt']) as TrainArgs);
 */
export async function runTrain(args: TrainArgs): Promise<number> {
  const json = args.json || process.stdout.isTTY !== true;
  const input = await workerInput(args);
  // Said once the run has started (JSON) or after the screen closes, so that bad input still gets one line.
  const notice = args.resume === undefined ? undefined : resumeNotice(args.resume);
  const workerUrl = new URL('./worker.js', import.meta.url);
  let end: SessionEnd;
  if (json) {
    const printer = new JsonLinePrinter(args.logEvery);
    let reading = true;
    const session = new WorkerSession(workerUrl, input, (event) => {
      const line = printer.line(event);
      if (event.type === 'start' && notice !== undefined) process.stderr.write(`rnn train: ${notice}\n`);
      if (line !== undefined && reading) process.stdout.write(`${line}\n`);
    });
    // The reader went away (`rnn train --json | head`): save, stop, and exit quietly.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      reading = false;
      session.stop('quit');
    });
    onInterrupt(session);
    session.start();
    end = await session.ended;
  } else {
    const noColor = (process.env.NO_COLOR ?? '') !== '';
    if (noColor) process.env.FORCE_COLOR = '0'; // chalk, inside Ink, reads FORCE_COLOR but not NO_COLOR
    // Ink draws only the last frame when CI is set; stdout is a terminal here, so the screen must be live.
    delete process.env.CI;
    delete process.env.CONTINUOUS_INTEGRATION;
    const { mountScreen } = await loadScreen();
    const session = new WorkerSession(workerUrl, input);
    const screen = mountScreen(session, !noColor && process.env.FORCE_COLOR !== '0');
    session.start(); // after the first frame, which Ink has drawn synchronously
    onInterrupt(session);
    end = await session.ended;
    await screen.close({ clear: end.outcome === 'fatal' });
    const line = summary(session);
    if (line !== undefined) process.stdout.write(`${line}\n`);
    if (notice !== undefined && session.model.last !== undefined)
      process.stderr.write(`rnn train: ${notice}\n`);
  }
  if (end.message !== undefined) process.stderr.write(`rnn train: ${end.message}\n`);
  return end.exitCode;
}
