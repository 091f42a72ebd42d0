// parse: subscripts string → equation (terms of labels and ellipses), numpy's grammar, no shapes involved.

import { EinsumError } from './errors.js';

/** One comma-separated term of the subscripts, e.g. 'i...j'. */
export interface Term {
  /** The letters in order, without the ellipsis. */
  readonly labels: string;
  /** Index into `labels` where '...' stands, or -1 when the term has none. */
  readonly ellipsisAt: number;
  /** Character index in the subscripts of each label (-1 for an implicit output). */
  readonly positions: readonly number[];
  /** Character index of the '...' in the subscripts, or -1. */
  readonly ellipsisPosition: number;
  /** Character span of the term in the subscripts (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** A parsed einsum equation: the input terms and the output term (written or implied). */
export interface Equation {
  readonly subscripts: string;
  readonly inputs: readonly Term[];
  readonly output: Term;
  /** True when the subscripts contain '->'. */
  readonly explicit: boolean;
}

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * Parses einsum subscripts as numpy does (letters, ',', '->', '...', spaces), plus repeated output labels.
 * Without '->' the output is the ellipsis (if any input has one) then the labels seen once, sorted A–Z a–z.
 */
export function parse(subscripts: unknown): Equation {
  if (typeof subscripts !== 'string') {
    throw new EinsumError('bad-subscripts', `the subscripts must be a string, got ${typeof subscripts}`);
  }
  const arrow = findArrow(subscripts);
  const inputEnd = arrow === -1 ? subscripts.length : arrow;
  const inputs: Term[] = [];
  let start = 0;
  for (let i = 0; i <= inputEnd; i++) {
    if (i === inputEnd || subscripts[i] === ',') {
      inputs.push(parseTerm(subscripts, start, i));
      start = i + 1;
    }
  }
  if (arrow === -1) return { subscripts, inputs, output: implicitOutput(inputs), explicit: false };
  const comma = subscripts.indexOf(',', arrow);
  if (comma !== -1) {
    throw new EinsumError('bad-character', "',' after '->': the output is a single term", {
      subscripts,
      at: comma,
    });
  }
  const output = parseTerm(subscripts, arrow + 2, subscripts.length);
  for (let n = 0; n < output.labels.length; n++) {
    const label = output.labels[n] as string;
    if (!inputs.some((term) => term.labels.includes(label))) {
      throw new EinsumError('unknown-output-label', `output label '${label}' appears in no input term`, {
        subscripts,
        at: output.positions[n] as number,
      });
    }
  }
  return { subscripts, inputs, output, explicit: true };
}

/** Checks every character and the arrow; returns the index of '->' or -1. */
function findArrow(subscripts: string): number {
  let arrow = -1;
  for (let i = 0; i < subscripts.length; i++) {
    const c = subscripts[i] as string;
    if (isLetter(c) || c === ' ' || c === ',' || c === '.') continue;
    if (c === '-') {
      if (subscripts[i + 1] !== '>') {
        throw new EinsumError('bad-arrow', "'-' must be followed by '>' to form '->'", { subscripts, at: i });
      }
      if (arrow !== -1) {
        throw new EinsumError('bad-arrow', "more than one '->' in the subscripts", {
          subscripts,
          at: i,
          span: 2,
        });
      }
      arrow = i;
      i++;
      continue;
    }
    if (c === '>')
      throw new EinsumError('bad-arrow', "'>' must follow '-' to form '->'", { subscripts, at: i });
    const shown = c.trim() === '' ? JSON.stringify(c) : `'${c}'`;
    throw new EinsumError(
      'bad-character',
      `invalid character ${shown}: subscripts are letters a–z and A–Z, '...', ',', '->' and spaces`,
      { subscripts, at: i },
    );
  }
  return arrow;
}

/** Parses the term in subscripts[start, end): letters, at most one '...', spaces. */
function parseTerm(subscripts: string, start: number, end: number): Term {
  let labels = '';
  const positions: number[] = [];
  let ellipsisAt = -1;
  let ellipsisPosition = -1;
  for (let i = start; i < end; i++) {
    const c = subscripts[i] as string;
    if (c === ' ') continue;
    if (c !== '.') {
      labels += c;
      positions.push(i);
      continue;
    }
    let run = 1;
    while (i + run < end && subscripts[i + run] === '.') run++;
    if (run !== 3) {
      const found = run === 1 ? "a '.'" : `${run} dots in a row`;
      throw new EinsumError('stray-dot', `${found} where only '...' (exactly three dots) may stand`, {
        subscripts,
        at: i,
        span: run,
      });
    }
    if (ellipsisAt !== -1) {
      throw new EinsumError('two-ellipses', "a term may hold at most one '...'", {
        subscripts,
        at: i,
        span: 3,
      });
    }
    ellipsisAt = labels.length;
    ellipsisPosition = i;
    i += 2;
  }
  return { labels, ellipsisAt, positions, ellipsisPosition, start, end };
}

/** numpy's implicit output: '...' first if any input has one, then the labels seen exactly once, sorted. */
function implicitOutput(inputs: readonly Term[]): Term {
  const counts = new Map<string, number>();
  for (const term of inputs) for (const label of term.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const once = [...counts].filter(([, count]) => count === 1).map(([label]) => label);
  once.sort();
  const labels = once.join('');
  const hasEllipsis = inputs.some((term) => term.ellipsisAt !== -1);
  return {
    labels,
    ellipsisAt: hasEllipsis ? 0 : -1,
    positions: once.map(() => -1),
    ellipsisPosition: -1,
    start: -1,
    end: -1,
  };
}
