/** A namespace's clock: advanced by tests, its timers fire in time order, once, and never early. */
import { NamespaceClock } from '../../mock-server/clock';

const START = Date.parse('2026-01-01T12:00:00.000Z');

function clock(): { clock: NamespaceClock; real: { now: number } } {
  const real = { now: START };
  return { clock: new NamespaceClock(() => new Date(real.now)), real };
}

afterEach(() => jest.useRealTimers());

it('runs at the mock clock plus what it was advanced by', () => {
  const { clock: c, real } = clock();
  expect(c.nowMs()).toBe(START);
  c.advance(90_000);
  real.now += 1000;
  expect(c.now().toISOString()).toBe('2026-01-01T12:01:31.000Z');
  expect(c.offsetMs).toBe(90_000);
  expect(() => c.advance(-1)).toThrow(/only moves forward/);
});

it('fires due timers in time order when advanced past them, each once, and cancelled ones never', () => {
  const { clock: c } = clock();
  const fired: string[] = [];
  c.at(START + 3000, () => fired.push('c'));
  c.at(START + 1000, () => fired.push('a'));
  const cancelled = c.at(START + 1500, () => fired.push('x'));
  c.at(START + 2000, () => {
    fired.push('b');
    c.at(START + 2500, () => fired.push('b2')); // set while firing, still due in this advance
  });
  cancelled.cancel();
  c.advance(999);
  expect(fired).toEqual([]);
  c.advance(2001);
  expect(fired).toEqual(['a', 'b', 'b2', 'c']);
  c.advance(10_000);
  expect(fired).toEqual(['a', 'b', 'b2', 'c']);
  expect(c.size).toBe(0);
});

it('fires timers when real time reaches them too', () => {
  jest.useFakeTimers();
  const { clock: c, real } = clock();
  const fired: number[] = [];
  c.at(START + 5000, () => fired.push(1));
  real.now += 4999;
  jest.advanceTimersByTime(4999);
  expect(fired).toEqual([]);
  real.now += 1;
  jest.advanceTimersByTime(1);
  expect(fired).toEqual([1]);
});

it('forgets its timers and its offset on reset', () => {
  const { clock: c } = clock();
  const fired: number[] = [];
  c.at(START + 1000, () => fired.push(1));
  c.advance(500);
  c.reset();
  expect(c.offsetMs).toBe(0);
  c.advance(5000);
  expect(fired).toEqual([]);
});
