// Build-time data of the derivation: EQUATIONS from @rnn/core, checked, and a verification run of each equation.
import { EQUATIONS, type Equation, GRADCHECK_FLOOR } from '@rnn/core';
import { einsumPath } from '@rnn/einsum';
import { defineLoader } from 'vitepress';
import { CODED_EQUATIONS, type CodedEquation, type GradientEquation } from '../lib/equation-pages.js';
import { plotSvg } from '../lib/svg.js';
import {
  forwardDifferences,
  gradientErrors,
  outerProductDifferences,
  verificationModels,
} from '../lib/verify.js';

/** How many random models each verification run covers. */
export const MODEL_COUNT = 20;

/** What a page shows of one equation. */
export interface EquationView {
  readonly number: string;
  readonly title: string;
  readonly tex: string;
  readonly literal: Equation['literal'];
  readonly bptt: Equation['bptt'];
  /** What the training step runs (empty for (14)): the bptt forms over B streams, one-hot products flagged. */
  readonly batched: Equation['batched'];
  /** True when literal and bptt hold the same contractions (forward equations, (14)). */
  readonly oneForm: boolean;
  readonly check?: {
    readonly summary: string;
    readonly svg?: string;
    readonly literalMax?: number;
    readonly bpttMax?: number;
  };
}

/** Everything the derivation pages read. */
export interface EquationsData {
  readonly models: number;
  readonly sizes: string;
  readonly equations: Readonly<Record<CodedEquation, EquationView>>;
}

declare const data: EquationsData;

export { data };

const exponent = (value: number) => value.toExponential(1);

/** Throws unless every equation the site explains is exported with both forms of valid einsum strings. */
function checkedEquation(key: CodedEquation): Equation {
  const equation = (EQUATIONS as Partial<Record<string, Equation>>)[key];
  if (!equation)
    throw new Error(`EQUATIONS in @rnn/core has no equation '${key}' (${CODED_EQUATIONS[key]} shows it).`);
  if (equation.number !== key) throw new Error(`EQUATIONS['${key}'].number is '${equation.number}'.`);
  for (const form of ['literal', 'bptt', 'batched'] as const) {
    if (form !== 'batched' && equation[form].length === 0) {
      throw new Error(`EQUATIONS['${key}'].${form} is empty.`);
    }
    for (const c of equation[form]) {
      // Planning the string with every dimension of size 2 makes @rnn/einsum parse and check it.
      const inputs = c.subscripts.split('->')[0]?.split(',') ?? [];
      if (inputs.length !== c.operands.length) {
        throw new Error(
          `EQUATIONS['${key}'].${form} '${c.name}': ${inputs.length} operands in '${c.subscripts}'.`,
        );
      }
      if (!c.subscripts.includes('...')) {
        einsumPath(
          c.subscripts,
          inputs.map((term) => Array.from(term.trim(), () => 2)),
        );
      }
    }
  }
  return equation;
}

function view(equation: Equation, check?: EquationView['check']): EquationView {
  const same = JSON.stringify(equation.literal) === JSON.stringify(equation.bptt);
  const base = { ...equation, oneForm: same };
  return check ? { ...base, check } : base;
}

export default defineLoader({
  load(): EquationsData {
    const models = verificationModels(MODEL_COUNT);
    const { tolerance, errors } = gradientErrors(models);
    const forwardCheck = forwardDifferences(models);
    const equations = {} as Record<CodedEquation, EquationView>;
    for (const key of Object.keys(CODED_EQUATIONS) as CodedEquation[])
      equations[key] = view(checkedEquation(key));

    for (const e of errors) {
      const literalMax = Math.max(...e.literal);
      const bpttMax = Math.max(...e.bptt);
      // A relative error of exactly 0 cannot sit on a log axis: it is drawn at 1e-18, below any double's error.
      const floor = (value: number) => Math.max(value, 1e-18);
      const svg = plotSvg({
        title: `(${e.equation}) ∂L/∂${e.parameter} against central differences`,
        xLabel: `random model (of ${MODEL_COUNT})`,
        yLabel: 'largest relative error',
        logY: true,
        reference: { y: tolerance, label: `gradcheck tolerance ${exponent(tolerance)}` },
        series: [
          // The two forms are drawn a little apart so that equal errors do not hide each other.
          { label: 'literal', style: 'markers', points: e.literal.map((v, i) => [i + 0.85, floor(v)]) },
          { label: 'bptt', style: 'markers', points: e.bptt.map((v, i) => [i + 1.15, floor(v)]) },
        ],
      });
      const summary =
        `Over ${MODEL_COUNT} random models, the largest relative error of ∂L/∂${e.parameter} against central ` +
        `finite differences is ${exponent(literalMax)} for the literal form and ${exponent(bpttMax)} for bptt ` +
        `(relative error of an entry: |analytic − numerical| / max(|analytic|, |numerical|, ${exponent(GRADCHECK_FLOOR)}); ` +
        `gradcheck passes below ${exponent(tolerance)}).`;
      equations[e.equation as GradientEquation] = view(checkedEquation(e.equation), {
        summary,
        svg,
        literalMax,
        bpttMax,
      });
    }
    const hiddenMax = Math.max(...forwardCheck.hidden);
    const outputMax = Math.max(...forwardCheck.output);
    equations['1a'] = view(checkedEquation('1a'), {
      summary: `Over ${MODEL_COUNT} random models, forward() and a plain loop over (1a) differ by at most ${exponent(hiddenMax)} in s_t.`,
    });
    equations['1b'] = view(checkedEquation('1b'), {
      summary: `Over ${MODEL_COUNT} random models, forward() and a plain softmax loop over (1b) differ by at most ${exponent(outputMax)} in ŷ_t.`,
    });
    const outerMax = Math.max(...outerProductDifferences(models));
    equations['14'] = view(checkedEquation('14'), {
      summary:
        `Over ${MODEL_COUNT} random models, (14) evaluated step by step with its own einsum string and summed over ` +
        `t, with the 1/N of (2), differs from the V gradient of gradients() by at most ${exponent(outerMax)}.`,
    });
    const range = (pick: (m: (typeof models)[number]) => number) =>
      `${Math.min(...models.map(pick))}–${Math.max(...models.map(pick))}`;
    const sizes = `K ${range((m) => m.vocabSize)}, H ${range((m) => m.hiddenSize)}, T ${range((m) => m.length)}`;
    return { models: MODEL_COUNT, sizes, equations };
  },
});
