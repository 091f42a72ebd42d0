// The model one token at a time, for sampling: (1a) advances the state, (1b) at a temperature gives the next token's odds.

import { compile, type FloatArray } from '@rnn/einsum';
import { RnnError } from '../errors.js';
import { loopKernels } from '../kernels/elementwise.js';
import { EQUATIONS } from '../model/equations.js';
import { softmaxRows } from '../model/forward.js';
import { checkParams } from '../model/params.js';
import { hiddenStates } from '../model/recurrence.js';
import type { ModelTensors } from '../training/step.js';

/**
 * A model stepping through tokens one at a time (see {@link nextTokenModel}).
 *
 * @example
 * ```ts
 * const model: NextToken = nextTokenModel(params);
 * model.feed(3);
 * model.distribution(probs, 0.8); // probs: softmax(V s / 0.8)
 * ```
 */
export interface NextToken {
  /** The current hidden state s (H values): read it, or write it to continue from another state. */
  readonly hidden: Float64Array;
  /** K, the number of values `distribution` writes. */
  readonly distributionSize: number;
  /** (1a): s ← tanh(U x + W s) for the one-hot x of `token`. */
  feed(token: number): void;
  /** (1b) at a temperature: probs ← softmax(V s / temperature), K values. */
  distribution(probs: Float64Array, temperature: number): void;
}

/**
 * The model of `params` for sampling, in float64 (float32 parameters are widened once, here), from s = 0:
 * the forward recurrence that training and gradients() run, one token at a time, and the logits contraction of
 * EQUATIONS.
 *
 * @example
 * ```ts
 * const model = nextTokenModel(initParams({ vocabSize: 4, hiddenSize: 3, seed: 0 }));
 * const probs = new Float64Array(4);
 * model.feed(0);
 * model.distribution(probs, 1); // probs = ŷ_0 of forward(params, [0])
 * ```
 */
export function nextTokenModel(params: ModelTensors): NextToken {
  const { vocabSize: K, hiddenSize: H } = checkParams(params, 'sample');
  const widened = (t: ModelTensors['U']) => Float64Array.from(t.toFlat() as FloatArray);
  const table = widened(params.U.transpose()); // U by token [K, H]: row x is U x
  const W = widened(params.W);
  const V = widened(params.V);
  const [, recurrence] = EQUATIONS['1a'].literal;
  const [logits] = EQUATIONS['1b'].literal;
  const mix = compile(recurrence.subscripts, [[H, H], [H]]);
  const project = compile(logits.subscripts, [
    [K, H],
    [1, H],
  ]);
  const q = new Float64Array(K);
  const token = new Int32Array(1);
  let [current, next] = [new Float64Array(H), new Float64Array(H)];
  return {
    distributionSize: K,
    get hidden() {
      return current;
    },
    feed(x) {
      if (!(Number.isInteger(x) && x >= 0 && x < K)) {
        throw new RnnError('bad-argument', `sample: token ${String(x)} is not an integer in [0, ${K})`);
      }
      token[0] = x;
      hiddenStates(loopKernels, {
        blocks: [current, next],
        table,
        tokens: [token],
        rows: 1,
        width: H,
        mix: (into, previous) => mix.into(into, W, previous),
      });
      [current, next] = [next, current];
    },
    distribution(probs, temperature) {
      if (!(temperature > 0 && Number.isFinite(temperature))) {
        throw new RnnError(
          'bad-argument',
          `sample: temperature must be a positive number, got ${String(temperature)}`,
        );
      }
      if (probs.length !== K) throw new RnnError('bad-argument', `sample: probs must hold K = ${K} values`);
      project.into(q, V, current);
      softmaxRows(q, 1, K, temperature, probs);
    },
  };
}
