// `rnn train`: validates the input, starts the training worker and renders it live (Ink) or as JSON lines.
import { basename } from 'node:path';
import { shippedCorpusPath } from '../build-info.js';
import type { TrainArgs } from '../cli/args.js';
import { isSafetensorsModel, planCheckpoints, resumeNotice } from '../cli/checkpoint-file.js';
import { definedOnly } from '../cli/defined-only.js';
import { readTrainingText } from '../cli/text-file.js';
import { JsonLinePrinter } from '../render/json-lines.js';
import { loadScreen } from '../render/load-screen.js';
import { type SessionEnd, WorkerSession } from '../session/worker-session.js';
import { formatInteger, formatMeasures } from '../ui/format.js';
import type { WorkerInput } from '../worker/protocol.js';

/** Milliseconds between batches of step events from the worker (the screen redraws at about 10 fps). */
const FLUSH_MS = 50;

/** char-rnn's val_frac: the share of the text held out when --val-fraction is not given (and the text allows). */
const DEFAULT_VAL_FRACTION = 0.05;
/** Seconds of wall time between two gradient-flow measurements (core keeps them within 4% of the time). */
const GRADIENT_FLOW_SECONDS = 5;

/**
 * The worker's input from validated flags; reading and checking every file happens here, synchronously, so
 * that bad input is refused before anything is written. The worker sees every step (for periodic saves); the
 * renderers average throughput over their own intervals.
 */
async function workerInput(args: TrainArgs): Promise<WorkerInput> {
  const file = args.file ?? (await shippedCorpusPath());
  const text = readTrainingText(file);
  const plan = planCheckpoints(args, file);
  // A JSON checkpoint carries its validation split; a new run, or a .safetensors model, takes the flag's or 5%.
  const fresh = plan.resume === undefined || isSafetensorsModel(plan.resume);
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
      clip: args.clip,
      maxVocabulary: args.maxVocabulary,
      evaluateEvery: args.halveEvery,
      halveOnRise: args.halveOnRise,
      validationFraction: fresh ? (args.valFraction ?? DEFAULT_VAL_FRACTION) : args.valFraction,
      validationOptional: fresh && args.valFraction === undefined,
      validateEvery: args.evalEvery,
      gradientFlowEverySeconds: GRADIENT_FLOW_SECONDS,
      precision: args.precision,
    }),
    resumePath: plan.resume,
    autoResumed: plan.autoResumed,
    checkpointPath: plan.latest,
    bestPath: plan.best,
    staleBest: plan.staleBest,
    saveEvery: args.saveEvery,
    flushMs: FLUSH_MS,
    notices: plan.notices,
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

/** The lines printed after the screen closes: where the models are and how far they got. */
function summary(session: WorkerSession): string[] {
  const { lastSave: save, lastBestSave: bestSave, best, last } = session.model;
  const lines: string[] = [];
  const level = session.model.info?.level ?? 'char';
  if (save !== undefined) {
    const at = last === undefined ? '' : `, smoothed loss ${formatMeasures(last.smoothLoss, level)}`;
    lines.push(`saved ${save.path} at step ${formatInteger(save.step)}${at}; try: rnn sample ${save.path}`);
  }
  if (bestSave !== undefined && best !== undefined) {
    const loss = formatMeasures(best.valLoss, level);
    lines.push(`best model (validation loss ${loss} at step ${formatInteger(best.step)}): ${bestSave.path}`);
  }
  return lines;
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
    for (const line of summary(session)) process.stdout.write(`${line}\n`);
    if (notice !== undefined && session.model.last !== undefined)
      process.stderr.write(`rnn train: ${notice}\n`);
  }
  if (end.message !== undefined) process.stderr.write(`rnn train: ${end.message}\n`);
  return end.exitCode;
}
