// train(): the training loop as an async generator of events (min-char-rnn's loop, with B streams and checkpoints).

import { Tensor } from '@rnn/einsum';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from '../checkpoint/checkpoint.js';
import { RnnError } from '../errors.js';
import { gradientFlow } from '../gradients/flow.js';
import { initParams, type Params } from '../model/params.js';
import { streamLoss } from '../model/stream-loss.js';
import { Random } from '../random.js';
import { nextTokenModel } from '../sampling/next-token.js';
import { drawTokens } from '../sampling/sample-text.js';
import { createBatches } from './batches.js';
import { stepFailure } from './divergence.js';
import type { EvalEvent, GradientFlowEvent, TrainEvent, Trainer } from './events.js';
import { flowSchedule } from './flow-schedule.js';
import { nextMacrotask } from './next-macrotask.js';
import { assignRowMajor, createOptimizer } from './optimizers/optimizer.js';
import { resolveRun } from './options.js';
import { createTrainingStep } from './step.js';
import type { TrainOptions } from './train-options.js';

/** The longest stretch of training between two turns of the event loop. */
const YIELD_EVERY_MS = 20;

/**
 * Prepares a training run (vocabulary, parameters, optimizer, or all of them from `options.resume`).
 * With `validationFraction`, the end of the text is held out first; the rest is split into batchSize streams.
 * Each step reads the next seqLength tokens of each stream, runs forward and BPTT from the carried hidden state,
 * clips each gradient entry to ±clip and updates the parameters. The hidden state is reset to zero when the
 * streams wrap to the start of the text (a new epoch). Every `validateEvery` steps the held-out sample is scored
 * ('eval'), and the model of the lowest validation loss is kept ({@link Trainer.bestCheckpoint}).
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
  const { vocabulary, hyperparameters: hp, validation: split } = run;
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
    trainingStep.load({ U: new Tensor(U, [H, K]), W: new Tensor(W, [H, H]), V: new Tensor(V, [K, H]) });
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
  const batches = createBatches(split.training, T, B);
  const random = resume === undefined ? new Random(seed) : Random.fromState(resume.progress.random);
  let step = resume?.progress.step ?? 0;
  let epoch = resume?.progress.epoch ?? 0;
  let position = resume?.progress.position ?? 0;
  let smoothLoss = resume?.progress.smoothLoss ?? Math.log(K);
  let loss = resume?.progress.loss ?? Number.NaN;
  const saved = resume?.validation;
  let latest = { step: saved?.step ?? null, loss: saved?.loss ?? null };
  let best = { step: saved?.bestStep ?? null, loss: saved?.bestLoss ?? null };
  let bestSnapshot: Checkpoint | undefined;
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
    validation: {
      fraction: split.fraction,
      tokens: split.heldOut,
      step: latest.step,
      loss: latest.loss,
      bestStep: best.step,
      bestLoss: best.loss,
    },
  });

  /** The current parameters as row-major float64 tensors, for the occasional evaluation and measurement. */
  const float64Params = (): Params => ({
    U: new Tensor(copy(params.U), params.U.shape),
    W: new Tensor(copy(params.W), params.W.shape),
    V: new Tensor(copy(params.V), params.V.shape),
  });

  /** A sample from the current model, continuing stream 0 from its hidden state and next input. */
  const sample = (): string => {
    const model = nextTokenModel(params);
    model.hidden.set(trainingStep.hidden.toFlat().subarray(0, H));
    const avoid = vocabulary.level === 'word' ? 0 : -1;
    const first = batches.tokenAt(position);
    return vocabulary.decode(drawTokens(model, first, { length: run.sampleLength, random, avoid }));
  };

  /** Scores the held-out sample with the current parameters; a new lowest loss keeps a snapshot. */
  const evaluate = (): EvalEvent => {
    const began = performance.now();
    const { loss: valLoss, predictions } = streamLoss(float64Params(), split.sample);
    const finite = Number.isFinite(valLoss);
    latest = { step, loss: finite ? valLoss : null };
    const improved = finite && (best.loss === null || valLoss < best.loss);
    if (improved) {
      best = { step, loss: valLoss };
      bestSnapshot = checkpoint();
    }
    return {
      type: 'eval',
      step,
      valLoss,
      valBitsPerToken: valLoss / Math.LN2,
      bestValLoss: best.loss ?? valLoss,
      bestStep: best.step ?? step,
      improved,
      tokens: predictions,
      seconds: (performance.now() - began) / 1000,
    };
  };

  /** ‖∂s_t/∂s_r‖ over the chunk of stream 0 just trained on (its inputs and incoming state), current parameters. */
  const measureFlow = (inputs: Int32Array, h0: Float64Array): GradientFlowEvent => {
    const began = performance.now();
    const { norms, reach } = gradientFlow(float64Params(), inputs, { h0 });
    return { type: 'gradient-flow', step, norms, reach, seconds: (performance.now() - began) / 1000 };
  };

  async function* events(): AsyncGenerator<TrainEvent, void, void> {
    if (started)
      throw new RnnError('bad-argument', 'a Trainer runs once: call createTrainer again for a new run');
    started = true;
    const startStep = step;
    const totalSteps = startStep + run.steps;
    const validating = split.sample.length > 0;
    yield {
      type: 'start',
      source: run.source,
      level: vocabulary.level,
      tokens: run.data.length,
      validationTokens: split.heldOut,
      evalTokens: Math.max(0, split.sample.length - 1),
      validateEvery: run.validateEvery,
      vocabSize: K,
      hiddenSize: H,
      seqLength: T,
      batchSize: B,
      parameterCount: params.U.size + params.W.size + params.V.size,
      precision: hp.precision,
      optimizer: hp.optimizer,
      learningRate: optimizer.learningRate,
      seed,
      totalSteps,
      startStep,
      bestValLoss: best.loss,
      bestStep: best.step,
      notices: run.notices,
    };
    const startTime = performance.now();
    const flowEvery = run.gradientFlowEverySeconds;
    const flow = flowEvery === undefined ? undefined : flowSchedule(flowEvery, startTime);
    let lastYield = startTime;
    let lastLogTime = startTime;
    let tokensSinceLog = 0;
    /** Milliseconds spent evaluating and measuring: since the start, and since the latest step event. */
    let asideTotal = 0;
    let asideSinceLog = 0;
    const aside = (seconds: number) => {
      asideTotal += seconds * 1000;
      asideSinceLog += seconds * 1000;
    };
    while (step < totalSteps) {
      if (!batches.fits(position)) {
        position = 0;
        assignRowMajor(trainingStep.hidden, new Float64Array(B * H));
        epoch += 1;
      }
      batches.fill(position);
      const flowInput = flow?.due(performance.now())
        ? {
            inputs: batches.inputs.slice(0, T),
            h0: Float64Array.from(trainingStep.hidden.toFlat().subarray(0, H)),
          }
        : undefined;
      const stepLoss = trainingStep.run(batches.inputs, batches.targets);
      const { gradNorm, clipped } = optimizer.inspect();
      const nextSmoothLoss = 0.999 * smoothLoss + 0.001 * stepLoss;
      const failure = stepFailure({
        step: step + 1,
        loss: stepLoss,
        smoothLoss: nextSmoothLoss,
        gradNorm,
        vocabSize: K,
        learningRate: optimizer.learningRate,
        smoothRule: run.stopOnDivergence,
      });
      if (failure !== undefined) {
        yield { type: 'error', step: step + 1, ...failure, loss: stepLoss, smoothLoss: nextSmoothLoss };
        return;
      }
      const learningRate = optimizer.learningRate;
      optimizer.update();
      optimizer.observeLoss(stepLoss);
      trainingStep.carry();
      position += T;
      step += 1;
      loss = stepLoss;
      smoothLoss = nextSmoothLoss;
      tokensSinceLog += B * T;
      // The sample is drawn before any event is yielded, so a checkpoint taken at any event includes its draws.
      const sampled = run.sampleEvery > 0 && step % run.sampleEvery === 0 ? sample() : undefined;
      const now = performance.now();
      if (step % run.logEvery === 0 || step === totalSteps) {
        const seconds = Math.max((now - lastLogTime - asideSinceLog) / 1000, 1e-9);
        const tokensPerSecond = tokensSinceLog / seconds;
        lastLogTime = now;
        tokensSinceLog = 0;
        asideSinceLog = 0;
        yield {
          type: 'step',
          step,
          epoch,
          loss,
          bitsPerToken: loss / Math.LN2,
          smoothLoss,
          tokensPerSecond,
          learningRate,
          gradNorm,
          clipped,
          elapsedSeconds: (now - startTime) / 1000,
          trainingSeconds: (now - startTime - asideTotal) / 1000,
        };
      }
      if (validating && (step % run.validateEvery === 0 || step === totalSteps)) {
        const evaluation = evaluate();
        aside(evaluation.seconds);
        yield evaluation;
      }
      if (sampled !== undefined) yield { type: 'sample', step, text: sampled };
      if (flow !== undefined && flowInput !== undefined) {
        const began = performance.now();
        const measured = measureFlow(flowInput.inputs, flowInput.h0);
        flow.took(began, performance.now());
        aside(measured.seconds);
        yield measured;
      }
      if (performance.now() - lastYield >= YIELD_EVERY_MS) {
        await nextMacrotask();
        lastYield = performance.now();
      }
    }
    yield { type: 'done', step, loss, smoothLoss, elapsedSeconds: (performance.now() - startTime) / 1000 };
  }

  return { run: events, checkpoint, bestCheckpoint: () => bestSnapshot };
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
