// The live screen against a scripted event stream: numbers, chart, keys, sample history, narrow terminals.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/ui/App.js';
import { evalAt, FakeSession, NAN_FAILURE, startEvent, stepEvents } from './fake-session.js';

/** Lets timers and Ink's re-render run (a macrotask, as Ink's input and throttled redraws need). */
const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (in macrotasks) until the latest frame satisfies `test`, for at most two seconds on a busy machine. */
async function frameWhere(
  lastFrame: () => string | undefined,
  test: (frame: string) => boolean,
): Promise<string> {
  for (let waited = 0; waited < 2000; waited += 20) {
    const frame = plain(lastFrame());
    if (test(frame)) return frame;
    await tick(20);
  }
  return plain(lastFrame());
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
const plain = (frame: string | undefined) => (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '');

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function mount(session: FakeSession) {
  const instance = render(<App session={session} color={false} frameMs={5} />);
  unmount = instance.unmount;
  return instance;
}

describe('App', () => {
  it('shows what is trained, progress, the numbers and the loss chart', async () => {
    const session = new FakeSession();
    const { lastFrame } = mount(session);
    session.feed(startEvent(1000), ...stepEvents(300));
    const frame = await frameWhere(lastFrame, (f) => f.includes('300 / 1,000'));
    for (const text of [
      'tiny.txt',
      '12,345 tokens',
      'vocab 42 chars',
      'hidden 64',
      '9,472 params',
      'adagrad',
      'seed 7',
    ]) {
      expect(frame).toContain(text);
    }
    expect(frame).toMatch(/step\s+300 \/ 1,000 █+░+\s+30\.0%/);
    expect(frame).toContain('ETA 7s');
    const last = stepEvents(300).at(-1);
    expect(frame).toContain(`loss ${last?.loss.toFixed(4)}`);
    expect(frame).toContain(`smoothed ${last?.smoothLoss.toFixed(4)}`);
    expect(frame).toContain('2.50k tok/s'); // 25 tokens per 10 ms step
    expect(frame).toContain('clipped');
    expect(frame).toMatch(/\d\.\d\d[┤┼]/); // y-axis labels of the chart
    expect(frame).toContain('● training');
  });

  it('keeps the y-axis labels still while the loss drifts inside the range (no jitter)', async () => {
    const session = new FakeSession();
    const { lastFrame } = mount(session);
    session.feed(startEvent(1000), ...stepEvents(300));
    await frameWhere(lastFrame, (f) => f.includes('300 / 1,000'));
    const labels = () =>
      plain(lastFrame())
        .match(/\d+\.\d\d(?=[┤┼])/g)
        ?.join(' ');
    const before = labels();
    session.feed(...stepEvents(40, 301));
    await frameWhere(lastFrame, (f) => f.includes('340 / 1,000'));
    expect(before).toBeDefined();
    expect(labels()).toBe(before);
  });

  it('maps p, s, ?, q and Ctrl-C onto the session and answers in the next frame', async () => {
    const session = new FakeSession();
    const { lastFrame, stdin } = mount(session);
    session.feed(startEvent(), ...stepEvents(50));
    await frameWhere(lastFrame, (f) => f.includes('● training'));
    const press = async (key: string, test: (frame: string) => boolean) => {
      stdin.write(key);
      await tick(); // Ink reads input in a macrotask
      return frameWhere(lastFrame, test);
    };
    const paused = await press('p', (f) => f.includes('❚❚ paused'));
    expect(paused).toContain('p resume');
    expect(await press('p', (f) => f.includes('● training'))).toContain('p pause');
    expect(await press('s', (f) => f.includes('saved step'))).toContain(
      'saved step 50 → run.checkpoint.json',
    );
    expect(await press('?', (f) => f.includes('keys'))).toContain('save a checkpoint, then quit');
    expect(await press('?', (f) => !f.includes('save a checkpoint, then quit'))).toContain(
      'loss (nats/token)',
    );
    expect(await press('q', (f) => f.includes('saving and stopping'))).toContain('saving and stopping');
    await press('\u0003', () => session.calls.length === 5);
    expect(session.calls).toEqual(['pause', 'pause', 'save', 'stop:quit', 'stop:interrupt']);
  });

  it('keeps every text sample as history above the live area', async () => {
    const session = new FakeSession();
    const { frames } = mount(session);
    session.feed(startEvent(), ...stepEvents(100), {
      type: 'sample',
      step: 100,
      text: 'First Citizen:\nBefore we proceed',
    });
    const history = () => plain(frames.join('\n'));
    for (let waited = 0; waited < 2000 && !history().includes('Before we proceed'); waited += 20)
      await tick(20);
    session.feed(...stepEvents(100, 101), { type: 'sample', step: 200, text: 'All:\nSpeak, speak.' });
    for (let waited = 0; waited < 2000 && !history().includes('Speak, speak.'); waited += 20) await tick(20);
    const all = history();
    expect(all).toContain('sample at step 100');
    expect(all).toContain('Before we proceed');
    expect(all).toContain('sample at step 200');
    expect(all).toContain('Speak, speak.');
    expect(session.model.samples).toHaveLength(2);
  });

  it('renders in a narrow terminal without a line wider than it, and keeps the frame shorter than the rows', async () => {
    const session = new FakeSession();
    const { lastFrame, stdout } = mount(session);
    Object.defineProperty(stdout, 'columns', { get: () => 40 });
    Object.defineProperty(stdout, 'rows', { get: () => 18 });
    stdout.emit('resize');
    session.feed(startEvent(), ...stepEvents(500));
    const lines = (await frameWhere(lastFrame, (f) => f.includes('500 /'))).split('\n');
    expect(lines.length).toBeLessThan(18);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
    expect(lines.join('\n')).toMatch(/\d\.\d\d[┤┼]/);
    expect(lines.join('\n')).toContain('step');
  });

  it('leaves the chart out of a terminal too short for it, keeping the frame shorter than the rows', async () => {
    const session = new FakeSession();
    const { lastFrame, stdout } = mount(session);
    Object.defineProperty(stdout, 'rows', { get: () => 12 });
    stdout.emit('resize');
    session.feed(startEvent(), ...stepEvents(100));
    const frame = await frameWhere(lastFrame, (f) => f.includes('100 /'));
    expect(frame.split('\n').length).toBeLessThan(12);
    expect(frame).not.toMatch(/\d\.\d\d[┤┼]/);
    expect(frame).toContain('● training');
  });

  it('shows the divergence message when the run fails', async () => {
    const session = new FakeSession();
    const { lastFrame } = mount(session);
    session.feed(startEvent(), ...stepEvents(10), {
      type: 'error',
      step: 11,
      message: 'loss is NaN',
      ...NAN_FAILURE,
    });
    const frame = await frameWhere(lastFrame, (f) => f.includes('✗ diverged'));
    expect(frame).toContain('✗ diverged');
    expect(frame).toContain('training diverged at step 11: loss is NaN');
  });

  it('shows the validation loss, the best so far with its marker, notes, and the validation curve', async () => {
    const session = new FakeSession();
    const { lastFrame, frames } = mount(session);
    const start = { ...startEvent(1000), validationTokens: 600, evalTokens: 599, validateEvery: 100 };
    session.feed({
      ...start,
      notices: ['resuming run.checkpoint.json, the checkpoint of the shipped corpus'],
    });
    session.feed(...stepEvents(100), {
      ...evalAt(100, 3.2),
      improved: true,
      bestValLoss: 3.2,
      bestStep: 100,
    });
    session.feed(...stepEvents(100, 101), {
      ...evalAt(200, 3.4),
      improved: false,
      bestValLoss: 3.2,
      bestStep: 100,
    });
    session.feed({ type: 'checkpoint', path: 'run.checkpoint.best.json', step: 100, kind: 'best' });
    const frame = await frameWhere(lastFrame, (f) => f.includes('best → run.checkpoint.best.json'));
    expect(frame).toContain('12,345 tokens, 600 held out');
    expect(frame).toMatch(
      /valid {2}loss 3\.4000 · 4\.905 bpc at step 200 {3}★ best 3\.2000 · 4\.617 bpc at step 100/,
    );
    expect(frame).toContain('━● validation');
    expect(plain(frames.join('\n'))).toContain('note: resuming run.checkpoint.json');
  });

  it('toggles the gradient-flow panel with g: a log-scale chart of the norms and the reach', async () => {
    const session = new FakeSession();
    const { lastFrame, stdin } = mount(session);
    session.feed(startEvent(), ...stepEvents(50));
    await frameWhere(lastFrame, (f) => f.includes('● training'));
    stdin.write('g');
    await tick();
    expect(await frameWhere(lastFrame, (f) => f.includes('measuring'))).toContain('gradient flow');
    const norms = Array.from({ length: 25 }, (_, d) => 8 * 0.3 ** d);
    session.feed({ type: 'gradient-flow', step: 50, norms, reach: 7, seconds: 0.01 });
    const frame = await frameWhere(lastFrame, (f) => f.includes('reach'));
    expect(frame).toMatch(/‖∂s_t\/∂s_r‖ against t − r, log scale · step 50/);
    // 8 · 0.3^24 ≈ 2e-12: 1e0.9 … 1e-11.6, 14 decades in 7 rows, labelled every other decade from 1e2 to 1e-12
    for (const decade of [2, 0, -2, -10, -12]) expect(frame).toMatch(new RegExp(`1e${decade}[┤┼]`));
    expect(frame).toMatch(/1e2[┤┼]\n +1e0[┤┼]─/); // the curve starts in the row of its value, 8 ≈ 1e0.9
    expect(frame).toContain(
      'reach 7 steps: the norm falls below 1e-3 × its value at t − r = 0 from t − r = 7 on',
    );
    stdin.write('g');
    await tick();
    expect(await frameWhere(lastFrame, (f) => f.includes('loss (nats/token)'))).not.toContain('reach');
  });

  it('shows perplexity beside nats at word level', async () => {
    const session = new FakeSession();
    const { lastFrame } = mount(session);
    session.feed({ ...startEvent(), level: 'word' }, ...stepEvents(20));
    const last = stepEvents(20).at(-1);
    const frame = await frameWhere(lastFrame, (f) => f.includes('20 /'));
    expect(frame).toContain(`loss ${last?.loss.toFixed(4)} · ppl ${Math.exp(last?.loss ?? 0).toFixed(1)}`);
  });
});
