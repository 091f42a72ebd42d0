// The READMEs show the committed screen captures and gradient-flow figures (scripts/readme.mjs writes them).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = new URL('../scripts/readme.mjs', import.meta.url);

describe('the READMEs', () => {
  it('hold exactly screen.txt, the gradient-flow panel and bench/gradient-flow.json', () => {
    // Throws with the script's message ("… is stale: run node apps/tui/scripts/readme.mjs") when one drifted.
    expect(() =>
      execFileSync(process.execPath, [script.pathname, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('a capture of the new screen: the validation line, the best model and the validation curve', () => {
    const screen = readFileSync(new URL('../screen.txt', import.meta.url), 'utf8');
    expect(screen).toMatch(/^ valid {2}loss \d\.\d{4} · \d\.\d{3} bpc at step [\d,]+ {3}★ best /m);
    expect(screen).toContain('━● validation');
    expect(screen).toContain('best → harbour-tales.checkpoint.best.json');
    const flow = readFileSync(new URL('../screen-flow.txt', import.meta.url), 'utf8');
    expect(flow).toMatch(/^ reach /m);
  });
});
