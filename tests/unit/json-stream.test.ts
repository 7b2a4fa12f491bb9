/** JSON written piece by piece: the same text as JSON.stringify, even past the longest string V8 can hold. */
import { jsonChunks } from '../../mock-server/persistence';
import { TEST_WORLD } from '../helpers/world';

it('writes exactly what JSON.stringify writes', () => {
  const values: unknown[] = [
    TEST_WORLD,
    { a: [1, 'two', null, { b: [[], {}] }], c: undefined, d: true },
    [undefined, () => 1],
    'text "with" quotes',
    null,
  ];
  for (const value of values) {
    for (const depth of [0, 1, 2, 4, 8]) expect([...jsonChunks(value, depth, 7)].join('')).toBe(JSON.stringify(value));
  }
});

it('serialises a state larger than one JavaScript string may be', () => {
  // 60,000 participants sharing one 10 KB permission value: small in memory, 600 MB as JSON.
  const permissions = {
    canReceive: { byUserId: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`user-${i}`, false])) },
  };
  const participants = Array.from({ length: 60_000 }, (_, i) => ({ id: `p-${i}`, permissions }));
  const world = { daily: { apiKeys: ['k'], rooms: [{ name: 'huge', participants }] } };
  expect(() => JSON.stringify(world)).toThrow(RangeError);
  let bytes = 0;
  for (const chunk of jsonChunks(world)) bytes += chunk.length;
  expect(bytes).toBeGreaterThan(2 ** 29);
}, 120_000);
