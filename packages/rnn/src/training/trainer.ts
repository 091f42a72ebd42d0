// train(): the training loop as an async generator of events (min-char-rnn's loop, with B streams and checkpoints).

import { Tensor } from '@rnn/einsum';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { initParams, type Params } from '../model/params.js';
import { Random } from '../random.js';
import { drawTokens } from '../sampling.js';
import { createBackprop } from './backprop.js';
import { createBatches } from './batches.js';
import type { TrainEvent, Trainer } from './events.js';
import { nextMacrotask } from './next-macrotask.js';
import { createOptimizer } from './optimizers.js';
import { resolveRun, type TrainOptions } from './options.js';

/** The longest stretch of training between two turns of the event loop. */
const YIELD_EVERY_MS = 20;

/**
 * Prepares a training run (vocabulary, parameters, optimizer, or all of them from `options.resume`).
 * Each step reads the next seqLength tokens of each of the batchSize streams, runs forward and BPTT from the
 * carried hidden state, clips each gradient entry to ±clip and updates the parameters. The hidden state is
 * reset to zero when the streams wrap to the start of the text (a new epoch).
 *
 * @example
 * ```ts
 * const trainer = createTrainer({ text: 'to be or not to be', hiddenSize: 16, seqLength: 8, steps: 50 });
 * for await (const event of trainer.run()) if (event.type === 'done') console.log(event.smoothLoss);
 * saveCheckpoint('model.json', trainer.checkpoint());
 * ```
 */
export function createTrainer(options: TrainOptions): Trainer {
  const run = resolveRun(options);
  const { vocabulary, hyperparameters: hp } = run;
  const { hiddenSize: H, seqLength: T, batchSize: B, seed } = hp;
  const K = vocabulary.size;
  const resume = options.resume;
  const initial = initParams({ vocabSize: K, hiddenSize: H, seed });
  const optimizer = createOptimizer(
    hp.optimizer,
    [initial.U.size, initial.W.size, initial.V.size],
    hp,
    resume && { ...resume.optimizer, learningRate: run.resumeLearningRate ?? resume.optimizer.learningRate },
  );
  // The model's tensors live where the optimizer keeps the parameters (Adagrad: WebAssembly memory), if it does.
  const [uData, wData, vData] = optimizer.storage ?? [initial.U.data, initial.W.data, initial.V.data];
  const start = resume?.parameters ?? { U: initial.U.data, W: initial.W.data, V: initial.V.data };
  const params: Params = {
    U: on(uData, start.U, initial.U.shape),
    W: on(wData, start.W, initial.W.shape),
    V: on(vData, start.V, initial.V.shape),
  };
  const parameters = [params.U.data, params.W.data, params.V.data];
  const shape = { vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B };
  const backprop = createBackprop(hp.truncate === null ? shape : { ...shape, truncate: hp.truncate });
  const batches = createBatches(run.data, T, B);
  const hidden = resume?.progress.hidden.slice() ?? new Float64Array(B * H);
  const random = resume === undefined ? new Random(seed) : Random.fromState(resume.progress.random);
  let step = resume?.progress.step ?? 0;
  let epoch = resume?.progress.epoch ?? 0;
  let position = resume?.progress.position ?? 0;
  let smoothLoss = resume?.progress.smoothLoss ?? Math.log(K);
  let loss = resume?.progress.loss ?? Number.NaN;
  let started = false;

  const checkpoint = (): Checkpoint => ({
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    source: run.source,
    vocabulary: { level: vocabulary.level, tokens: vocabulary.tokens },
    hyperparameters: hp,
    parameters: { U: params.U.data.slice(), W: params.W.data.slice(), V: params.V.data.slice() },
    optimizer: optimizer.state(),
    progress: { step, epoch, position, hidden: hidden.slice(), smoothLoss, loss, random: random.state() },
  });

  /** A sample from the current model, continuing stream 0 from its hidden state and next input. */
  const sample = (): string => {
    const h = hidden.slice(0, H);
    const avoid = vocabulary.level === 'word' ? 0 : -1;
    const first = batches.tokenAt(position);
    return vocabulary.decode(drawTokens(backprop, params, h, first, run.sampleLength, 1, random, avoid));
  };

  async function* events(): AsyncGenerator<TrainEvent, void, void> {
    if (started)
      throw new RnnError('bad-argument', 'a Trainer runs once: call createTrainer again for a new run');
    started = true;
    const startStep = step;
    const totalSteps = startStep + run.steps;
    yield {
      type: 'start',
      source: run.source,
      level: vocabulary.level,
      tokens: run.data.length,
      vocabSize: K,
      hiddenSize: H,
      seqLength: T,
      batchSize: B,
      parameterCount: parameters.reduce((n, p) => n + p.length, 0),
      optimizer: hp.optimizer,
      learningRate: optimizer.learningRate,
      seed,
      totalSteps,
      startStep,
    };
    const startTime = performance.now();
    let lastYield = startTime;
    let lastLogTime = startTime;
    let tokensSinceLog = 0;
    while (step < totalSteps) {
      if (!batches.fits(position)) {
        position = 0;
        hidden.fill(0);
        epoch += 1;
      }
      batches.fill(position);
      const result = backprop.run(params, batches.inputs, batches.targets, hidden);
      const { dU, dW, dV } = result.grads;
      const gradients = [dU, dW, dV];
      const { gradNorm, clipped } = optimizer.inspect(gradients);
      if (!Number.isFinite(result.loss) || !Number.isFinite(gradNorm)) {
        const what = Number.isFinite(result.loss) ? `gradient norm is ${gradNorm}` : `loss is ${result.loss}`;
        yield {
          type: 'error',
          step: step + 1,
          message: `training diverged at step ${step + 1}: the ${what}; try a smaller learning rate (now ${optimizer.learningRate})`,
        };
        return;
      }
      const learningRate = optimizer.learningRate;
      optimizer.update(parameters, gradients);
      optimizer.observeLoss(result.loss);
      hidden.set(result.hLast);
      position += T;
      step += 1;
      loss = result.loss;
      smoothLoss = 0.999 * smoothLoss + 0.001 * loss;
      tokensSinceLog += B * T;
      // The sample is drawn before any event is yielded, so a checkpoint taken at either event includes its draws.
      const sampled = run.sampleEvery > 0 && step % run.sampleEvery === 0 ? sample() : undefined;
      const now = performance.now();
      if (step % run.logEvery === 0 || step === totalSteps) {
        const tokensPerSecond = tokensSinceLog / Math.max((now - lastLogTime) / 1000, 1e-9);
        lastLogTime = now;
        tokensSinceLog = 0;
        const elapsedSeconds = (now - startTime) / 1000;
        yield {
          type: 'step',
          step,
          epoch,
          loss,
          smoothLoss,
          tokensPerSecond,
          learningRate,
          gradNorm,
          clipped,
          elapsedSeconds,
        };
      }
      if (sampled !== undefined) yield { type: 'sample', step, text: sampled };
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await nextMacrotask();
        lastYield = performance.now();
      }
    }
    yield { type: 'done', step, loss, smoothLoss, elapsedSeconds: (performance.now() - startTime) / 1000 };
  }

  return { run: events, checkpoint };
}

/** A tensor of `shape` on `storage`, holding `values` (no copy when they are the storage already). */
function on(storage: Float64Array | undefined, values: Float64Array, shape: readonly number[]): Tensor {
  if (storage === undefined)
    throw new RnnError('bad-argument', 'the optimizer offered no storage for a parameter');
  if (storage !== values) storage.set(values);
  return new Tensor(storage, shape);
}

/**
 * Trains a model and streams its progress; the same as `createTrainer(options).run()`.
 *
 * @example
 * ```ts
 * for await (const event of train({ text: 'hello world, hello sea', hiddenSize: 16, seqLength: 5, steps: 100 })) {
 *   if (event.type === 'step' && event.step % 20 === 0) console.log(event.step, event.smoothLoss.toFixed(3));
 * }
 * ```
 */
export function train(options: TrainOptions): AsyncGenerator<TrainEvent, void, void> {
  return createTrainer(options).run();
}
