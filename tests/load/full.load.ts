/**
 * `npm run test:load`: 32 concurrent keep-alive clients, 500 requests each (16,000 in all), on the
 * same room and community over 127.0.0.1. Bounded in count; prints its throughput.
 */
import { runLoad } from './run-load';

const clients = Number(process.env.PERM_MOCK_LOAD_CLIENTS ?? 32);
const requestsPerClient = Number(process.env.PERM_MOCK_LOAD_REQUESTS ?? 500);

it(`${clients} clients × ${requestsPerClient} requests: no 5xx, no dropped connection, final state equals the model`, async () => {
  const report = await runLoad({ clients, requestsPerClient });
  process.stdout.write(
    `load: ${report.requests} requests in ${report.seconds.toFixed(2)} s (${report.perSecond}/s), ` +
      `statuses ${JSON.stringify(report.statuses)}, dropped ${report.dropped}\n`,
  );
  expect(report.dropped).toBe(0);
  expect(report.serverErrors).toBe(0);
  expect(report.mismatches).toEqual([]);
}, 120_000);
