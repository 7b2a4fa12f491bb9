/**
 * The banner tells a first request what it needs, not every entity of a large world: at most ten
 * rooms, participants, communities and members of each, and how many more there are.
 */
import { renderBanner } from '../../mock-server/banner';
import { BANNER_LIST_MAX } from '../../mock-server/banner/shell';
import { completeWorld } from '../../mock-server/options';
import type { World } from '../../mock-server/world';

function bannerOf(rooms: number, participants: number, communities: number, members: number): string {
  const input = {
    daily: {
      apiKeys: ['banner-key'],
      rooms: Array.from({ length: rooms }, (_, r) => ({
        name: `room-${r}`,
        participants: Array.from({ length: r === 0 ? participants : 1 }, (_, p) => ({ id: `p-${r}-${p}` })),
      })),
    },
    sonoran: {
      communities: Array.from({ length: communities }, (_, c) => ({
        id: `community-${c}`,
        apiKey: `key-${c}`,
        members: Array.from({ length: c === 0 ? members : 1 }, (_, m) => ({ accId: `acc-${c}-${m}` })),
      })),
    },
  };
  const world = completeWorld(input, 'test', () => ({}) as World, new Date(0));
  return renderBanner({ url: 'http://127.0.0.1:1', version: '0.0.0', world, strict: false, seed: 1 });
}

it('lists every entity of a small world', () => {
  const banner = bannerOf(2, 3, 2, 3);
  expect(banner).toMatch(/room room-0: p-0-0, p-0-1, p-0-2\n/);
  expect(banner).toMatch(/member acc-0-2 /);
  expect(banner).not.toMatch(/more (rooms|members|communities)|\d more \(/);
});

it('summarises a large world: the first ten of each and how many more', () => {
  const banner = bannerOf(15, 100_000, 12, 30_000);
  expect(banner).toMatch(/p-0-9 and 99,990 more \(GET \/__admin\/daily\/rooms\/room-0\)/);
  expect(banner).not.toMatch(/p-0-10\b/);
  expect(banner).toMatch(/ and 5 more rooms \(GET \/__admin\/state\)/);
  expect(banner).not.toMatch(/room room-10:/);
  expect(banner).toMatch(/and 29,990 more members \(GET \/__admin\/sonoran\/communities\/community-0\)/);
  expect(banner.match(/^ {4}member /gm)?.length).toBe(BANNER_LIST_MAX + (BANNER_LIST_MAX - 1)); // ten of the first, one each of nine more
  expect(banner).toMatch(/ and 2 more communities \(GET \/__admin\/state\)/);
  // A first request still finds what it needs.
  expect(banner).toMatch(/curl -sS -X POST http:\/\/127\.0\.0\.1:1\/v1\/rooms\/room-0\/update-permissions/);
  expect(banner.length).toBeLessThan(20_000);
});
