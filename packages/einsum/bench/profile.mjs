// Where one call spends its time: V8's sampling profiler over the call repeated for a moment, self time by function.
import { Session } from 'node:inspector/promises';

/**
 * Samples `fn` called over and over for `seconds` and returns the functions with the most self time:
 * { samples, top: [{ name, share }] } (share of all samples; '(garbage collector)' and '(program)' are V8's
 * own entries). Names carry their file, so that a kernel, the executor and the allocator are told apart.
 * @example await profileCall(() => einsum('i,j->ij', x, y)) // → { samples: 9000, top: [{ name: 'ger (wasm)', share: 0.4 }, …] }
 */
export async function profileCall(fn, seconds = 1, count = 6) {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) fn();
    const { profile } = await session.post('Profiler.stop');
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map();
    for (const id of profile.samples) {
      const { functionName, url } = byId.get(id).callFrame;
      // JS functions by file; WebAssembly functions (url wasm://wasm/<hash>) by their $name
      const file = url.startsWith('wasm:') ? 'WebAssembly' : url.split('/').pop();
      const name = `${functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
      self.set(name, (self.get(name) ?? 0) + 1);
    }
    const total = profile.samples.length;
    const top = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => ({ name, share: n / total }));
    return { samples: total, top };
  } finally {
    session.disconnect();
  }
}
