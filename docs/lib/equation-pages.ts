// Which numbered equations of the source note each derivation page must typeset: the build checks this list.

/** Page (path in the site, without extension) → the equation numbers it shows, as in the source note. */
export const EQUATION_PAGES: Readonly<Record<string, readonly string[]>> = {
  'derivation/index': ['1a', '1b', '2', '3', '4', '5', '6'],
  'derivation/output-weights': ['7', '8', '9', '10a', '10b', '11', '12a', '12b', '12c', '13', '14'],
  'derivation/recurrent-weights': ['15', '16a', '16b', '16c', '17', '18', '19', '20', '21'],
  'derivation/input-weights': ['22', '23', '24'],
};

/** The equations whose einsum strings @rnn/core exports in EQUATIONS, with the page that explains each. */
export const CODED_EQUATIONS = {
  '1a': 'derivation/index',
  '1b': 'derivation/index',
  '13': 'derivation/output-weights',
  '14': 'derivation/output-weights',
  '21': 'derivation/recurrent-weights',
  '24': 'derivation/input-weights',
} as const;

/** A key of EQUATIONS. */
export type CodedEquation = keyof typeof CODED_EQUATIONS;

/** The gradient equations verified against finite differences, and the parameter each one is the gradient of. */
export const GRADIENT_EQUATIONS = { '13': 'V', '21': 'W', '24': 'U' } as const;

/** A gradient equation number. */
export type GradientEquation = keyof typeof GRADIENT_EQUATIONS;
