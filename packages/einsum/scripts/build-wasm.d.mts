// Types of scripts/build-wasm.mjs (einsum-wat), for TypeScript callers such as this package's tests.

/** One variant of a template and its text. */
export interface TemplateVariant {
  readonly variant: string;
  readonly text: string;
}

/** One compiled variant. */
export interface CompiledVariant {
  readonly variant: string;
  readonly bytes: Uint8Array;
}

/** The variants of a .wat template (one with variant '' for a file without `@variant` lines). */
export function expandTemplate(source: string): TemplateVariant[];

/** The text of a .wat file with every `;; @include NAME` line replaced by that file's text (recursively). */
export function readWat(path: string): string;

/** Compiles every variant of a .wat file to validated WebAssembly binaries. */
export function compileWat(path: string): Promise<CompiledVariant[]>;

/** Compiles `path` into `outDir` as TypeScript modules of base64 bytes ('ts') or binaries ('wasm'). */
export function buildWat(
  path: string,
  outDir: string,
  format?: 'ts' | 'wasm',
): Promise<{ readonly target: string; readonly bytes: number }[]>;
