// The terminal's columns and rows, read at every render; a 'resize' of Ink's stdout forces a render.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Size used when the stream does not say (not a terminal). */
const FALLBACK = { columns: 80, rows: 24 };

/**
 * Columns and rows of the output terminal. They are read on every render (so any redraw picks up a new
 * size even if a 'resize' event was missed), and a 'resize' event re-renders at once.
 * @example const { columns, rows } = useTerminalSize();
 */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [, setResizes] = useState(0);
  useEffect(() => {
    const onResize = () => setResizes((n) => n + 1);
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return { columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows };
}
