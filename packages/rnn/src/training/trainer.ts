// train(): the training loop as an async generator of events (min-char-rnn's loop, with B streams and checkpoints).

import { tensor } from '@rnn/einsum';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { initParams } from '../model/params.js';
import { Random } from '../random.js';
import { nextTokenModel } from '../sampling/next-token.js';
import { drawTokens } from '../sampling.js';
import { createBatches } from './batches.js';
import type { TrainEvent, Trainer } from './events.js';
import { nextMacrotask } from './next-macrotask.js';
import { assignRowMajor, createOptimizer } from './optimizers/optimizer.js';
import { resolveRun, type TrainOptions } from './options.js';
import { createTrainingStep } from './step.js';

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
  // The step holds the model, its gradients and the carried state in kernel memory for the whole run.
  const shape = { vocabSize: K, hiddenSize: H, seqLength: T, batchSize: B, precision: hp.precision };
  const trainingStep = createTrainingStep(hp.truncate === null ? shape : { ...shape, truncate: hp.truncate });
  const { params, gradients } = trainingStep;
  if (resume === undefined) trainingStep.load(initParams({ vocabSize: K, hiddenSize: H, seed }));
  else {
    const { U, W, V } = resume.parameters;
    trainingStep.load({ U: tensor(U, [H, K]), W: tensor(W, [H, H]), V: tensor(V, [K, H]) });
    assignRowMajor(trainingStep.hidden, resume.progress.hidden);
  }
  const optimizer = createOptimizer(
    hp.optimizer,
    [
      { parameter: params.U, gradient: gradients.dU },
      { parameter: params.W, gradient: gradients.dW },
      { parameter: params.V, gradient: gradients.dV },
    ],
    hp,
    resume && { ...resume.optimizer, learningRate: run.resumeLearningRate ?? resume.optimizer.learningRate },
  );
  const batches = createBatches(run.data, T, B);
  const random = resume === undefined ? new Random(seed) : Random.fromState(resume.progress.random);
  let step = resume?.progress.step ?? 0;
  let epoch = resume?.progress.epoch ?? 0;
  let position = resume?.progress.position ?? 0;
  let smoothLoss = resume?.progress.smoothLoss ?? Math.log(K);
  let loss = resume?.progress.loss ?? Number.NaN;
  let started = false;

  /** A row-major float64 copy of a tensor (the parameters are widened when training in float32). */
  const copy = (t: (typeof params)['U']): Float64Array => Float64Array.from(t.toFlat());
  const checkpoint = (): Checkpoint => ({
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    source: run.source,
    vocabulary: { level: vocabulary.level, tokens: vocabulary.tokens },
    hyperparameters: hp,
    parameters: { U: copy(params.U), W: copy(params.W), V: copy(params.V) },
    optimizer: optimizer.state(),
    progress: {
      step,
      epoch,
      position,
      hidden: copy(trainingStep.hidden),
      smoothLoss,
      loss,
      random: random.state(),
    },
  });

  /** A sample from the current model, continuing stream 0 from its hidden state and next input. */
  const sample = (): string => {
    const model = nextTokenModel(params);
    model.hidden.set(trainingStep.hidden.toFlat().subarray(0, H));
    const avoid = vocabulary.level === 'word' ? 0 : -1;
    const first = batches.tokenAt(position);
    return vocabulary.decode(drawTokens(model, first, run.sampleLength, 1, random, avoid));
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
      parameterCount: params.U.size + params.W.size + params.V.size,
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
        assignRowMajor(trainingStep.hidden, new Float64Array(B * H));
        epoch += 1;
      }
      batches.fill(position);
      const stepLoss = trainingStep.run(batches.inputs, batches.targets);
      const { gradNorm, clipped } = optimizer.inspect();
      if (!Number.isFinite(stepLoss) || !Number.isFinite(gradNorm)) {
        const what = Number.isFinite(stepLoss) ? `gradient norm is ${gradNorm}` : `loss is ${stepLoss}`;
        yield {
          type: 'error',
          step: step + 1,
          message: `training diverged at step ${step + 1}: the ${what}; try a smaller learning rate (now ${optimizer.learningRate})`,
        };
        return;
      }
      const learningRate = optimizer.learningRate;
      optimizer.update();
      optimizer.observeLoss(stepLoss);
      trainingStep.carry();
      position += T;
      step += 1;
      loss = stepLoss;
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
