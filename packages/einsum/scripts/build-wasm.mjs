#!/usr/bin/env node
// einsum-wat: compiles WebAssembly text (.wat, optionally a template of variants) to modules with wabt.
//
// Usage: einsum-wat [FILE.wat ...] [--out DIR] [--format ts|wasm]
//   With no files it builds this package's kernels (src/kernels/*.wat → src/kernels/generated/), as `build` does.
//   Each output is NAME[-VARIANT]-wasm.ts (`export const wasmBase64 = '…'`, importable anywhere without fetch
//   or fs) or, with --format wasm, NAME[-VARIANT].wasm. --out defaults to a `generated` folder beside each file.
//
// Includes: a line `;; @include NAME.part.wat` inserts that file (relative to the including one) before anything
// else, so that a module can be split by concern; `.part.wat` fragments are never compiled on their own.
// Templates: a line `;; @variant NAME KEY=VALUE …` declares a variant (the first word is its name). Each variant
// is the text with every {KEY} replaced by its value and the lines between `;; @if NAME[,NAME…]` and `;; @end`
// kept only in the variants named. A file without @variant lines is one module. SIMD and bulk memory are on.
//
// Example (another package's build script, with @rnn/einsum installed as a dependency):
//   einsum-wat src/optimizer/adagrad.wat --out src/optimizer/generated
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The variants of a template as { variant, text }: one entry with variant '' for a file without `@variant`.
 * @example expandTemplate(';; @variant f64 T=f64\n({T}.add)')[0].text // → ';; @variant f64 T=f64\n(f64.add)'
 */
export function expandTemplate(source) {
  const declarations = [...source.matchAll(/^\s*;;\s*@variant\s+(\S+)(.*)$/gm)];
  if (declarations.length === 0) return [{ variant: '', text: source }];
  return declarations.map(([, variant, rest]) => {
    const values = Object.fromEntries(
      rest
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => pair.split('=', 2)),
    );
    const kept = [];
    let including = true;
    for (const line of source.split('\n')) {
      const condition = line.match(/^\s*;;\s*@if\s+(\S+)/);
      if (condition) including = condition[1].split(',').includes(variant);
      else if (/^\s*;;\s*@end\b/.test(line)) including = true;
      else if (including) kept.push(line);
    }
    const text = kept.join('\n').replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, key) => {
      if (!(key in values)) throw new Error(`variant ${variant}: no value for {${key}}`);
      return values[key];
    });
    return { variant, text };
  });
}

/**
 * The text of a .wat file with each line `;; @include NAME` replaced by the text of NAME (a path relative to the
 * including file, itself read with its includes), so that one module can be written in files of one concern each.
 * By convention an included fragment is named `*.part.wat`; the default build compiles only whole modules.
 * @example readWat('src/kernels/gemm.wat').includes('$pack_a') // → true: the packing routines come from pack.part.wat
 */
export function readWat(path, seen = []) {
  if (seen.includes(path))
    throw new Error(`@include cycle: ${[...seen, path].map((p) => basename(p)).join(' → ')}`);
  return readFileSync(path, 'utf8').replace(/^[ \t]*;;[ \t]*@include[ \t]+(\S+)[ \t]*$/gm, (_, name) =>
    readWat(resolve(dirname(path), name), [...seen, path]).replace(/\n$/, ''),
  );
}

/**
 * Compiles one .wat file (every variant of it) to validated WebAssembly binaries.
 * @example (await compileWat('src/kernels/gemm.wat')).map((m) => m.variant) // → ['f64', 'f32']
 */
export async function compileWat(path) {
  const { default: wabt } = await import('wabt');
  const { parseWat } = await wabt();
  return expandTemplate(readWat(path)).map(({ variant, text }) => {
    const name = `${basename(path)}${variant ? ` (${variant})` : ''}`;
    const module = parseWat(name, text, { simd: true, bulk_memory: true });
    try {
      module.validate();
      return {
        variant,
        bytes: new Uint8Array(module.toBinary({ canonicalize_lebs: true, write_debug_names: true }).buffer),
      };
    } finally {
      module.destroy();
    }
  });
}

/**
 * Compiles `path` and writes each variant into `outDir` as a TypeScript module of base64 bytes ('ts') or a
 * binary ('wasm'), through a temporary file and a rename. Returns the paths written.
 * @example await buildWat('src/kernels/gemm.wat', 'src/kernels/generated') // → ['…/gemm-f64-wasm.ts', …]
 */
export async function buildWat(path, outDir, format = 'ts') {
  mkdirSync(outDir, { recursive: true });
  const stem = basename(path, '.wat');
  const written = [];
  for (const { variant, bytes } of await compileWat(path)) {
    const name = variant ? `${stem}-${variant}` : stem;
    const target = join(outDir, format === 'wasm' ? `${name}.wasm` : `${name}-wasm.ts`);
    const content =
      format === 'wasm'
        ? bytes
        : [
            `// Generated by einsum-wat from ${basename(path)}${variant ? ` (variant ${variant})` : ''}; do not edit.`,
            '',
            `/** The WebAssembly binary compiled from ${basename(path)} (${bytes.length} bytes), base64-encoded. */`,
            `export const wasmBase64 = '${Buffer.from(bytes).toString('base64')}';`,
            '',
          ].join('\n');
    writeFileSync(`${target}.tmp`, content);
    renameSync(`${target}.tmp`, target);
    written.push({ target, bytes: bytes.length });
  }
  return written;
}

const USAGE = 'usage: einsum-wat [FILE.wat ...] [--out DIR] [--format ts|wasm]';

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string', default: 'ts' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`einsum-wat: ${error.message.split('.')[0]} (${USAGE})`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.format !== 'ts' && values.format !== 'wasm') {
    console.error(`einsum-wat: --format must be ts or wasm, got ${values.format}`);
    process.exit(2);
  }
  const kernels = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'kernels');
  const files =
    positionals.length > 0
      ? positionals.map((file) => resolve(file))
      : readdirSync(kernels)
          .filter((name) => name.endsWith('.wat') && !name.endsWith('.part.wat'))
          .map((name) => join(kernels, name));
  for (const file of files) {
    const outDir = resolve(values.out ?? join(dirname(file), 'generated'));
    try {
      for (const { target, bytes } of await buildWat(file, outDir, values.format)) {
        console.log(`einsum-wat: ${basename(file)} → ${target} (${bytes} bytes)`);
      }
    } catch (error) {
      console.error(`einsum-wat: ${file}: ${error.message}`);
      process.exit(1);
    }
  }
}

// run as a command (also through node_modules/.bin's link), not when imported by a script
const invoked = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : '';
if (import.meta.url === invoked) await main();
