// Loads the Ink screen module fast: with `fetch` hidden while Ink's layout engine (yoga-layout) initialises.

/**
 * Imports ./mount-screen.js with `globalThis.fetch` hidden. yoga-layout's loader probes `typeof fetch` and,
 * when it is a function, fetches its inline WebAssembly through it; in Node the first touch of `fetch` loads
 * undici, which costs more than the rest of Ink (measured: about 150 of 480 ms on a loaded machine). Without
 * fetch the loader decodes the same inline bytes directly. `fetch` is restored before this resolves.
 * @example const { mountScreen } = await loadScreen();
 */
export async function loadScreen(): Promise<typeof import('./mount-screen.js')> {
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('./mount-screen.js');
  } finally {
    if (fetch === undefined) Reflect.deleteProperty(globalThis, 'fetch');
    else Object.defineProperty(globalThis, 'fetch', fetch);
  }
}
