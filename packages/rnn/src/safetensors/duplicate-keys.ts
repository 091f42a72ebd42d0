// Finds a key written twice in one JSON object, which JSON.parse accepts silently (it keeps the last one).

/**
 * The first key that appears twice in the same object of `text`, which must already be valid JSON (JSON.parse
 * accepted it), or undefined. Keys are compared after unescaping, so `"a"` and `"\u0061"` are the same key.
 * The safetensors format forbids duplicate keys: two readers keeping different copies would see different files.
 *
 * @example
 * ```ts
 * duplicateKey('{"a": 1, "b": {"a": 2}}'); // undefined: the two "a" are in different objects
 * duplicateKey('{"a": 1, "\\u0061": 2}');  // 'a'
 * ```
 */
export function duplicateKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far in an object, or null for an array.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (char === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      open.push(null);
      expectKey = false;
    } else if (char === '}' || char === ']') {
      open.pop();
    } else if (char === ',') {
      expectKey = Boolean(open.at(-1));
    }
  }
  return undefined;
}
