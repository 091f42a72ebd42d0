// The terminal's columns and rows, re-read on every 'resize' of Ink's stdout.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Size used when the stream does not say (not a terminal). */
const FALLBACK = { columns: 80, rows: 24 };

/**
 * Columns and rows of the output terminal; the component re-renders when they change.
 * @example const { columns, rows } = useTerminalSize();
 */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || FALLBACK.columns, rows: stdout.rows || FALLBACK.rows });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return size;
}
