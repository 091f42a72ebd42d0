// Mounts the live screen with Ink (imported only here, after FORCE_COLOR is settled) and unmounts it cleanly.
import { render } from 'ink';
import type { Session } from '../session/session.js';
import { App } from '../ui/App.js';

/**
 * A mounted screen: `close` draws the final frame and gives the terminal back; `clear` erases the frame first.
 * @example await mountScreen(session, true).close({ clear: false });
 */
export interface Screen {
  close(options?: { clear?: boolean }): Promise<void>;
}

/**
 * Renders the session on the terminal, redrawing at about 10 fps; Ctrl-C goes to the session, not to Ink.
 * @example const screen = mountScreen(session, true); await session.ended; await screen.close();
 */
export function mountScreen(session: Session, color: boolean): Screen {
  const instance = render(<App session={session} color={color} />, { exitOnCtrlC: false, maxFps: 15 });
  return {
    async close({ clear = false } = {}) {
      if (clear) instance.clear();
      else instance.rerender(<App session={session} color={color} />);
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
