// Instantiates a WebAssembly module of this package (base64 from `einsum-wat`) against the kernel memory.

import type { KernelMemory } from '@rnn/einsum';

/** The slice of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}
const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/**
 * The exports of the module whose bytes are `base64`, with `memory` as its `env.memory`, or undefined where the
 * engine has no WebAssembly or rejects the module (no SIMD): the caller then runs its loops (internal).
 *
 * @example
 * ```ts
 * const exports = instantiate<{ adagrad: (…) => void }>(wasmBase64, arena().memory);
 * ```
 */
export function instantiate<Exports>(base64: string, memory: KernelMemory): Exports | undefined {
  if (api === undefined) return undefined;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  if (!api.validate(bytes)) return undefined;
  return new api.Instance(new api.Module(bytes), { env: { memory } }).exports as Exports;
}
