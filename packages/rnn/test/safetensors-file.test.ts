// safetensors files and torch exports on disk: round trips, no partial files, and no file replaced unasked.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../src/node/checkpoint-file.js';
import { loadSafetensors, saveSafetensors } from '../src/node/safetensors-file.js';
import {
  exportTorch,
  PYTHON_DIRECTORY,
  pythonCandidates,
  TORCH_EXPORT_FILES,
} from '../src/node/torch-export.js';
import { codeOf, modelCheckpoint } from './safetensors-arbitraries.js';

const directory = (): string => mkdtempSync(join(tmpdir(), 'rnn-safetensors-'));
const checkpoint = modelCheckpoint(5, 3, [0.25, -0.5, 1 / 3, 1e-300], 17);

describe('saveSafetensors / loadSafetensors', () => {
  it('write a file that loads back, also through loadCheckpoint, leaving no temporary file', () => {
    const dir = directory();
    const path = join(dir, 'model.safetensors');
    saveSafetensors(path, checkpoint);
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
    expect(loadSafetensors(path).checkpoint.parameters).toEqual(checkpoint.parameters);
    expect(loadCheckpoint(path).parameters).toEqual(checkpoint.parameters);
    expect(loadCheckpoint(path).progress.step).toBe(17);
  });

  it('never replace an existing file unless asked to', () => {
    const dir = directory();
    const path = join(dir, 'model.safetensors');
    writeFileSync(path, 'precious');
    expect(codeOf(() => saveSafetensors(path, checkpoint))).toBe('file-exists');
    expect(readFileSync(path, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
    saveSafetensors(path, checkpoint, { overwrite: true, dtype: 'float32' });
    expect(loadSafetensors(path).dtype).toBe('float32');
  });

  it('name the file in every error, and write nothing for a model that would not read back', () => {
    const dir = directory();
    expect(() => loadSafetensors(join(dir, 'none.safetensors'))).toThrow(
      /cannot read model .*none\.safetensors: no such file/,
    );
    writeFileSync(join(dir, 'cut.safetensors'), Uint8Array.of(1, 2, 3));
    expect(() => loadCheckpoint(join(dir, 'cut.safetensors'))).toThrow(
      /cut\.safetensors: the file has 3 bytes/,
    );
    const broken = modelCheckpoint(2, 1, [Number.POSITIVE_INFINITY]);
    expect(codeOf(() => saveSafetensors(join(dir, 'bad.safetensors'), broken))).toBe('not-finite');
    expect(readdirSync(dir).sort()).toEqual(['cut.safetensors']);
  });
});

describe('exportTorch', () => {
  it('writes the weights and the two Python files into a new folder, nothing else', () => {
    const target = join(directory(), 'torch');
    expect(exportTorch(target, checkpoint)).toEqual(TORCH_EXPORT_FILES.map((name) => join(target, name)));
    expect(readdirSync(target).sort()).toEqual([...TORCH_EXPORT_FILES].sort());
    expect(readdirSync(join(target, '..'))).toEqual(['torch']);
    for (const name of ['model.py', 'train_ddp.py']) {
      expect(readFileSync(join(target, name), 'utf8')).toBe(
        readFileSync(join(PYTHON_DIRECTORY, name), 'utf8'),
      );
    }
    expect(loadSafetensors(join(target, 'model.safetensors')).checkpoint.parameters).toEqual(
      checkpoint.parameters,
    );
  });

  it('refuses to replace an earlier export, writing nothing, unless asked to', () => {
    const target = join(directory(), 'torch');
    exportTorch(target, checkpoint);
    writeFileSync(join(target, 'model.py'), '# edited by the user');
    expect(codeOf(() => exportTorch(target, modelCheckpoint(5, 3, [1])))).toBe('file-exists');
    expect(readFileSync(join(target, 'model.py'), 'utf8')).toBe('# edited by the user');
    exportTorch(target, modelCheckpoint(5, 3, [1]), { overwrite: true });
    expect([...loadSafetensors(join(target, 'model.safetensors')).checkpoint.parameters.W]).toEqual(
      new Array(9).fill(1),
    );
    expect(readdirSync(target).sort()).toEqual([...TORCH_EXPORT_FILES].sort());
  });

  it('exports into an existing empty folder, refuses a file in the way, and leaves nothing when the model is bad', () => {
    const dir = directory();
    exportTorch(dir, checkpoint);
    expect(readdirSync(dir).sort()).toEqual([...TORCH_EXPORT_FILES].sort());
    const file = join(directory(), 'plain');
    writeFileSync(file, 'x');
    expect(codeOf(() => exportTorch(file, checkpoint))).toBe('file-exists');
    const parent = directory();
    expect(codeOf(() => exportTorch(join(parent, 'torch'), modelCheckpoint(2, 1, [Number.NaN])))).toBe(
      'not-finite',
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('finds the Python files beside the package first, then beside a bundle', () => {
    expect(pythonCandidates('file:///app/dist/node/torch-export.js')).toEqual([
      '/app/python',
      '/app/dist/node/python',
    ]);
    expect(PYTHON_DIRECTORY).toBe(join(import.meta.dirname, '..', 'python'));
  });
});
