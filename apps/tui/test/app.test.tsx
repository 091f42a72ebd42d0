// The live screen against a scripted event stream: numbers, chart, keys, sample history, narrow terminals.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/ui/App.js';
import { FakeSession, startEvent, stepEvents } from './fake-session.js';

/** Lets timers and Ink's re-render run (a macrotask, as Ink's input and throttled redraws need). */
const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
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
    await tick();
    const frame = plain(lastFrame());
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
    await tick();
    const labels = () =>
      plain(lastFrame())
        .match(/\d+\.\d\d(?=[┤┼])/g)
        ?.join(' ');
    const before = labels();
    session.feed(...stepEvents(40, 301));
    await tick();
    expect(before).toBeDefined();
    expect(labels()).toBe(before);
  });

  it('maps p, s, ?, q and Ctrl-C onto the session and answers in the next frame', async () => {
    const session = new FakeSession();
    const { lastFrame, stdin } = mount(session);
    session.feed(startEvent(), ...stepEvents(50));
    await tick();
    stdin.write('p');
    await tick();
    expect(plain(lastFrame())).toContain('❚❚ paused');
    expect(plain(lastFrame())).toContain('p resume');
    stdin.write('p');
    await tick();
    expect(plain(lastFrame())).toContain('● training');
    stdin.write('s');
    await tick();
    expect(plain(lastFrame())).toContain('saved step 50 → run.checkpoint.json');
    stdin.write('?');
    await tick();
    expect(plain(lastFrame())).toContain('save a checkpoint, then quit');
    stdin.write('?');
    await tick();
    expect(plain(lastFrame())).not.toContain('save a checkpoint, then quit');
    stdin.write('q');
    await tick();
    stdin.write('\u0003');
    await tick();
    expect(session.calls).toEqual(['pause', 'pause', 'save', 'stop:quit', 'stop:interrupt']);
    expect(plain(lastFrame())).toContain('saving and stopping');
  });

  it('keeps every text sample as history above the live area', async () => {
    const session = new FakeSession();
    const { frames } = mount(session);
    session.feed(startEvent(), ...stepEvents(100), {
      type: 'sample',
      step: 100,
      text: 'First Citizen:\nBefore we proceed',
    });
    await tick();
    session.feed(...stepEvents(100, 101), { type: 'sample', step: 200, text: 'All:\nSpeak, speak.' });
    await tick();
    const all = plain(frames.join('\n'));
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
    await tick();
    const lines = plain(lastFrame()).split('\n');
    expect(lines.length).toBeLessThan(18);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
    expect(lines.join('\n')).toMatch(/\d\.\d\d[┤┼]/);
    expect(lines.join('\n')).toContain('step');
  });

  it('shows the divergence message when the run fails', async () => {
    const session = new FakeSession();
    const { lastFrame } = mount(session);
    session.feed(startEvent(), ...stepEvents(10), { type: 'error', step: 11, message: 'loss is NaN' });
    await tick();
    expect(plain(lastFrame())).toContain('✗ diverged');
    expect(plain(lastFrame())).toContain('training diverged at step 11: loss is NaN');
  });
});
