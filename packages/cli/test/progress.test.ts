import { describe, expect, it } from 'vitest';
import { Progress } from '../src/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 200, write: (s: string) => (writes.push(s), true) } };
}

describe('Progress', () => {
  it('draws nothing when stderr is not a TTY', () => {
    const { writes, stream } = fakeStream(false);
    let t = 0;
    const p = new Progress(stream, () => t);
    p.start('big.csv', 100 << 20);
    for (t = 0; t < 5000; t += 50) p.update(t * 1000);
    p.done();
    expect(writes).toEqual([]);
  });

  it('draws only while the caller allows it (not over an unfinished line of output)', () => {
    const { writes, stream } = fakeStream(true);
    let t = 1000;
    let allowed = false;
    const p = new Progress(stream, () => t, () => allowed);
    p.start('big.csv', 100 << 20);
    for (let step = 0; step < 10; step++) {
      t += 300;
      p.update((step + 1) << 20);
    }
    expect(writes).toEqual([]);
    allowed = true;
    t += 300;
    p.update(50 << 20);
    expect(writes).toHaveLength(1);
  });

  it('waits before the first draw, throttles, and clears the line at the end', () => {
    const { writes, stream } = fakeStream(true);
    let t = 1000;
    const p = new Progress(stream, () => t);
    p.start('big.csv', 100 << 20);
    p.update(1 << 20);
    expect(writes).toHaveLength(0); // too early
    for (let step = 0; step < 20; step++) {
      t += 50;
      p.update((step + 2) << 20);
    }
    // 1000 ms of updates every 50 ms, shown after 250 ms, at most every 100 ms.
    expect(writes.length).toBeGreaterThanOrEqual(7);
    expect(writes.length).toBeLessThanOrEqual(8);
    expect(writes.at(-1)).toMatch(/^\r\u001b\[Kcdrlint: big\.csv \d+% \(\d+\.\d\/100\.0 MB\), [\d.]+ MB\/s$/);
    p.done();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });
});
