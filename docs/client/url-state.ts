// The explorer's state in a URL query (?eq=ij,jk->ik&shapes=2x3,3x4&optimize=greedy), read and written.

/**
 * The planners a reader can pick; 'auto' is @rnn/einsum's default.
 *
 * @example
 * ```ts
 * PLANNERS.includes('greedy'); // true
 * ```
 */
export const PLANNERS = ['auto', 'optimal', 'greedy'] as const;

/**
 * One of {@link PLANNERS}.
 *
 * @example
 * ```ts
 * const planner: Planner = 'optimal';
 * ```
 */
export type Planner = (typeof PLANNERS)[number];

/**
 * What the explorer's inputs hold.
 *
 * @example
 * ```ts
 * const query: ExplorerQuery = { subscripts: 'ij,jk->ik', shapes: '2x3, 3x4', optimize: 'auto' };
 * ```
 */
export interface ExplorerQuery {
  readonly subscripts: string;
  /** As typed: '2x3, 3x4'. */
  readonly shapes: string;
  readonly optimize: Planner;
}

/**
 * The explorer page, the path the derivation links to.
 *
 * @example
 * ```ts
 * `${EXPLORER_PATH}?eq=ii&shapes=3x3`; // '/playground/einsum?eq=ii&shapes=3x3'
 * ```
 */
export const EXPLORER_PATH = '/playground/einsum';

/**
 * Reads the parts of a query string the explorer knows; a missing or unknown part is left out.
 *
 * @example
 * ```ts
 * readExplorerQuery('?eq=ij,jk->ik&shapes=2x3,3x4'); // { subscripts: 'ij,jk->ik', shapes: '2x3,3x4' }
 * ```
 */
export function readExplorerQuery(search: string): Partial<ExplorerQuery> {
  const params = new URLSearchParams(search);
  const subscripts = params.get('eq');
  const shapes = params.get('shapes');
  const optimize = params.get('optimize');
  return {
    ...(subscripts === null ? {} : { subscripts }),
    ...(shapes === null ? {} : { shapes }),
    ...(PLANNERS.includes(optimize as Planner) ? { optimize: optimize as Planner } : {}),
  };
}

/** Escapes a query value but keeps ',', '>' and spaces readable (',' and '>' are allowed in a query). */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3E/g, '>').replace(/%20/g, '+');

/**
 * The query string of an explorer state; the default planner is left out.
 *
 * @example
 * ```ts
 * explorerSearch({ subscripts: 'ij,jk->ik', shapes: '2x3, 3x4', optimize: 'auto' }); // '?eq=ij,jk->ik&shapes=2x3,3x4'
 * ```
 */
export function explorerSearch(query: ExplorerQuery): string {
  const shapes = query.shapes.replace(/\s+/g, '');
  const planner = query.optimize === 'auto' ? '' : `&optimize=${query.optimize}`;
  return `?eq=${encode(query.subscripts)}&shapes=${encode(shapes)}${planner}`;
}

/**
 * A link to the explorer prefilled with a contraction.
 *
 * @example
 * ```ts
 * explorerHref({ subscripts: 'i,j->ij', shapes: '8, 5', optimize: 'auto' }); // '/playground/einsum?eq=i,j->ij&shapes=8,5'
 * ```
 */
export function explorerHref(query: ExplorerQuery): string {
  return `${EXPLORER_PATH}${explorerSearch(query)}`;
}
