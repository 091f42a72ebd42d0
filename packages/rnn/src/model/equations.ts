// EQUATIONS: every contraction of the RNN's forward pass, gradients and training step, by equation number.

import {
  batchedBackwardStep,
  batchedInputGather,
  batchedLogits,
  batchedOutputError,
  batchedRecurrence,
  batchedUScatter,
  batchedVGradient,
  batchedWGradient,
} from './batched.js';
import type { Contraction } from './contractions.js';
import {
  backwardStep,
  bpttUGradient,
  bpttWGradient,
  immediatePartialU,
  immediatePartialW,
  inputProjection,
  jacobianChain,
  literalUGradient,
  literalWGradient,
  logits,
  outerProduct,
  outputError,
  perStepVGradient,
  recurrence,
  stepJacobian,
  totalVGradient,
  vGradient,
} from './contractions.js';

export type { Contraction } from './contractions.js';

/**
 * An equation of the derivation with the contractions that evaluate it, in three forms: `literal` (as printed,
 * every tensor of the formula materialised), `bptt` (the same sums in back-propagation order, what `gradients()`
 * runs) and `batched` (what the training step runs: the bptt contractions over B streams at once, rows n = t·B + b,
 * with the one-hot products flagged as a gather or a scatter). The forward equations (1a), (1b) and the outer
 * product (14) have one literal/bptt form, so both lists hold the same contractions; (14) is no part of the step.
 *
 * @example
 * ```ts
 * const equation = EQUATIONS['21'];
 * equation.number;                  // '21'
 * equation.literal.at(-1)?.subscripts; // 'tl,lm,trmn,rnij->ij'
 * ```
 */
export interface Equation {
  readonly number: string;
  readonly title: string;
  /** The equation in TeX, as the derivation prints it. */
  readonly tex: string;
  readonly literal: readonly Contraction[];
  readonly bptt: readonly Contraction[];
  readonly batched: readonly Contraction[];
}

/**
 * The equations of the derivation, each with the einsum contractions that evaluate it. Docs, tests, the
 * literal gradients, BPTT and the training step all read their einsum strings from here.
 *
 * @example
 * ```ts
 * EQUATIONS['21'].bptt.map((c) => c.subscripts); // ['tk,kh->th', 'h,hj->j', 'th,tj->hj']
 * EQUATIONS['24'].literal.map((c) => c.name);
 * // ['stepJacobian', 'jacobianChain', 'immediatePartial', 'gradient']
 * EQUATIONS['24'].batched.map((c) => c.oneHot ?? 'product'); // ['product', 'product', 'scatter']
 * ```
 */
export const EQUATIONS = {
  '1a': {
    number: '1a',
    title: 'Hidden state',
    tex: 's_t = \\tanh(U x_t + W s_{t-1}), \\quad s_{-1} = 0',
    literal: [inputProjection, recurrence],
    bptt: [inputProjection, recurrence],
    batched: [batchedInputGather, batchedRecurrence],
  },
  '1b': {
    number: '1b',
    title: 'Output distribution',
    tex: '\\hat{y}_t = \\operatorname{softmax}(V s_t)',
    literal: [logits],
    bptt: [logits],
    batched: [batchedLogits],
  },
  '13': {
    number: '13',
    title: 'Gradient with respect to V',
    tex: '\\frac{\\partial E_t}{\\partial V_{ij}} = \\left(\\hat{y}_{t_i} - y_{t_i}\\right) s_{t_j}',
    literal: [perStepVGradient, totalVGradient],
    bptt: [vGradient],
    batched: [batchedVGradient],
  },
  '14': {
    number: '14',
    title: 'The V gradient of one step is an outer product',
    tex: '\\frac{\\partial E_t}{\\partial V} = (\\hat{y}_t - y_t) \\otimes s_t',
    literal: [outerProduct],
    bptt: [outerProduct],
    batched: [],
  },
  '21': {
    number: '21',
    title: 'Gradient with respect to W',
    tex:
      '\\frac{\\partial E_t}{\\partial W_{ij}} = \\left(\\hat{y}_{t_l} - y_{t_l}\\right) V_{lm} \\sum_{r=0}^{t} ' +
      '\\frac{\\partial s_{t_m}}{\\partial s_{r_n}} \\frac{\\partial s_{r_n}}{\\partial W_{ij}}',
    literal: [stepJacobian, jacobianChain, immediatePartialW, literalWGradient],
    bptt: [outputError, backwardStep, bpttWGradient],
    batched: [batchedOutputError, batchedBackwardStep, batchedWGradient],
  },
  '24': {
    number: '24',
    title: 'Gradient with respect to U',
    tex:
      '\\frac{\\partial E_t}{\\partial U_{ij}} = \\left(\\hat{y}_{t_l} - y_{t_l}\\right) V_{lm} \\sum_{r=0}^{t} ' +
      '\\frac{\\partial s_{t_m}}{\\partial s_{r_n}} \\frac{\\partial s_{r_n}}{\\partial U_{ij}}',
    literal: [stepJacobian, jacobianChain, immediatePartialU, literalUGradient],
    bptt: [outputError, backwardStep, bpttUGradient],
    batched: [batchedOutputError, batchedBackwardStep, batchedUScatter],
  },
} as const satisfies Record<string, Equation>;
