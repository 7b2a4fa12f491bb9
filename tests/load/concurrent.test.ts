/** A small load run in every `npm test`; `npm run test:load` runs a bigger one (tests/load/full.load.ts). */
import { runLoad } from './run-load';

it('serves concurrent clients on the same rooms and members: no 5xx, no drop, state as the model says', async () => {
  const report = await runLoad({ clients: 8, requestsPerClient: 60 });
  expect(report.dropped).toBe(0);
  expect(report.serverErrors).toBe(0);
  expect(report.statuses).toEqual({ 200: 480 });
  expect(report.mismatches).toEqual([]);
});
