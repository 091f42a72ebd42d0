// Build-time data of the playground: the derivation's equations as explorer presets, and a link per contraction.
import { statSync } from 'node:fs';
import { type Contraction, EQUATIONS } from '@rnn/core';
import { CORPUS_FILE_NAME, DEFAULT_CORPUS_PATH } from '@rnn/core/node';
import { defineLoader } from 'vitepress';
import type { Preset } from '../client/presets.js';
import { formatShapes } from '../client/shapes.js';
import { explorerHref } from '../client/url-state.js';
import {
  CODED_EQUATIONS,
  type CodedEquation,
  GRADIENT_EQUATIONS,
  type GradientEquation,
} from '../lib/equation-pages.js';
import { contractionShapes, EXAMPLE_SIZES } from '../lib/operand-shapes.js';

/**
 * What the playground and the derivation's links read.
 *
 * @example
 * ```ts
 * data.equationLinks['21']; // '/playground/einsum?eq=tl,lm,trmn,rnij->ij&shapes=6x8,8x5,6x6x5x5,6x5x5x5'
 * ```
 */
export interface PlaygroundData {
  /** The corpus `rnn train` uses by default, which the trainer page serves as a static file. */
  readonly corpus: { readonly name: string; readonly bytes: number };
  readonly sizes: typeof EXAMPLE_SIZES;
  /** (13), (21), (24) as printed: the literal contraction with the most operands, at {@link EXAMPLE_SIZES}. */
  readonly equationPresets: readonly Preset[];
  /** The explorer link of each preset, by equation. */
  readonly equationLinks: Readonly<Record<GradientEquation, string>>;
  /** The explorer link of every contraction of every equation the site explains, per form, in order. */
  readonly links: Readonly<
    Record<CodedEquation, { readonly literal: readonly string[]; readonly bptt: readonly string[] }>
  >;
}

declare const data: PlaygroundData;

export { data };

const href = (c: Contraction) =>
  explorerHref({ subscripts: c.subscripts, shapes: formatShapes(contractionShapes(c)), optimize: 'auto' });

/** The contraction that is the equation as printed: in the literal form, the one with the most operands. */
function asPrinted(number: GradientEquation): Contraction {
  const literal = EQUATIONS[number].literal;
  const widest = literal.reduce<Contraction | undefined>(
    (best, c) => (best === undefined || c.operands.length > best.operands.length ? c : best),
    undefined,
  );
  if (!widest) throw new Error(`EQUATIONS['${number}'].literal is empty.`);
  return widest;
}

export default defineLoader({
  load(): PlaygroundData {
    const numbers = Object.keys(GRADIENT_EQUATIONS) as GradientEquation[];
    const equationPresets = numbers.map((number) => {
      const c = asPrinted(number);
      return {
        id: `eq${number}`,
        label: `(${number}) ${EQUATIONS[number].title}`,
        subscripts: c.subscripts,
        shapes: formatShapes(contractionShapes(c)),
      };
    });
    const equationLinks = Object.fromEntries(numbers.map((n) => [n, href(asPrinted(n))])) as Record<
      GradientEquation,
      string
    >;
    const links = {} as Record<CodedEquation, { literal: string[]; bptt: string[] }>;
    for (const number of Object.keys(CODED_EQUATIONS) as CodedEquation[]) {
      links[number] = {
        literal: EQUATIONS[number].literal.map(href),
        bptt: EQUATIONS[number].bptt.map(href),
      };
    }
    const corpus = { name: CORPUS_FILE_NAME, bytes: statSync(DEFAULT_CORPUS_PATH).size };
    return { corpus, sizes: EXAMPLE_SIZES, equationPresets, equationLinks, links };
  },
});
