// Layered charts: later curves on top, masked starts, markers, and colours per layer.
import { describe, expect, it } from 'vitest';
import { LossHistory } from '../src/session/history.js';
import { validationLayer } from '../src/ui/chart.js';
import { plotLayers } from '../src/ui/plot-layers.js';

const frame = { min: 0, max: 4, height: 4, format: (x: number) => x.toFixed(2).padStart(7) };

describe('plotLayers', () => {
  it('draws each layer where asciichart would, later layers on top, from their first column, with markers', () => {
    const lines = plotLayers(
      [{ values: [4, 4, 4, 4, 4] }, { values: [0, 0, 1, 2, 2], from: 2, marks: [4] }],
      frame,
    );
    // n values make n − 1 columns; the second layer starts with its segment from value 2 to value 3.
    expect(lines).toEqual(['   4.00┼────', '   3.00┤', '   2.00┤  ╭●', '   1.00┤  ╯', '   0.00┤']);
  });

  it('wraps every cell in the colour of the layer that drew it', () => {
    const [top] = plotLayers([{ values: [4, 4], color: '<a>' }], frame);
    expect(top).toBe('   4.00┼<a>─\u001b[0m');
  });
});

describe('validationLayer', () => {
  it('interpolates between evaluations by step, masks the columns before the first, marks each evaluation', () => {
    const history = new LossHistory();
    for (let step = 1; step <= 40; step++) history.push(3, 3, step);
    const points = history.points(8); // 5 steps per column: columns end at 5, 10, …, 40
    const layer = validationLayer(points, [
      { step: 10, valLoss: 2 },
      { step: 30, valLoss: 1 },
    ]);
    expect(layer.from).toBe(1);
    expect(layer.marks).toEqual([1, 5]);
    expect(layer.values.slice(1)).toEqual([2, 1.75, 1.5, 1.25, 1]); // steps 10 … 30, and no column beyond 30
  });
});
