// The JSON-lines contract: every line of real runs validates against schema/train-events.schema.json (ajv).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainEvent } from '@rnn/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { JsonLinePrinter, TRAIN_EVENTS_SCHEMA } from '../src/render/json-lines.js';
import { jsonLines, runCli, scratch, smallText, writeIn } from './run-cli.js';

const schema = JSON.parse(
  readFileSync(new URL('../schema/train-events.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Every event type of the exported union, checked by the compiler: a type added to TrainEvent must be listed. */
const EVENT_TYPES: Record<TrainEvent['type'], true> = {
  start: true,
  step: true,
  eval: true,
  sample: true,
  'gradient-flow': true,
  checkpoint: true,
  'save-failed': true,
  error: true,
  done: true,
};

/** Asserts that every line is valid, naming the line and the schema's complaint when one is not. */
function expectValid(lines: Record<string, unknown>[]): void {
  for (const [i, line] of lines.entries()) {
    if (!validate(line))
      throw new Error(
        `line ${i + 1} (${JSON.stringify(line).slice(0, 200)}): ${JSON.stringify(validate.errors?.slice(0, 3))}`,
      );
  }
}

describe('the JSON lines of rnn train', () => {
  it('document every event type of the exported TrainEvent union, and no other', () => {
    const documented = (schema.oneOf as { properties: { type: { const: string } } }[]).map(
      (s) => s.properties.type.const,
    );
    expect(documented.sort()).toEqual(Object.keys(EVENT_TYPES).sort());
    expect(schema.oneOf[0].properties.schema.const).toBe(TRAIN_EVENTS_SCHEMA);
  });

  it('validate line by line for a real run with evaluations, samples, gradient flow and both checkpoints', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'schema.txt', smallText(6000));
    const result = await runCli(
      [
        'train',
        file,
        '--checkpoint',
        join(cwd, 'run.json'),
        '--hidden',
        '24',
        '--steps',
        '120',
        '--eval-every',
        '40',
        '--sample-every',
        '60',
        '--sample-length',
        '20',
        '--log-every',
        '30',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expectValid(lines);
    const types = new Set(lines.map((l) => l.type));
    for (const type of ['start', 'step', 'eval', 'sample', 'gradient-flow', 'checkpoint', 'done'])
      expect(types).toContain(type);
    expect(lines[0]).toMatchObject({ type: 'start', schema: 'rnn-train-events/1' });
    expect(lines.filter((l) => l.type === 'checkpoint').map((l) => l.kind)).toContain('best');
  });

  it('validate for a diverging run, whose NaN loss is written as the string "NaN"', async () => {
    const cwd = scratch();
    const file = writeIn(cwd, 'nan.txt', smallText(2000));
    const result = await runCli(
      ['train', file, '--checkpoint', join(cwd, 'nan.json'), '--lr', '1e308', '--hidden', '16'],
      { cwd },
    );
    expect(result.code).toBe(1);
    const lines = jsonLines(result.stdout);
    expectValid(lines);
    expect(lines.at(-1)).toMatchObject({ type: 'error', reason: 'not-finite', loss: 'NaN' });
  });

  it('validate a save-failed line (a disk that refuses the write)', () => {
    const printer = new JsonLinePrinter(1);
    const line = printer.line({
      type: 'save-failed',
      path: '/full/a.json',
      step: 3,
      kind: 'latest',
      message: 'ENOSPC',
    });
    expectValid(jsonLines(line ?? ''));
  });
});
