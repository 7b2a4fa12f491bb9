/** One perm-mock for every worker: its URL reaches them through PERM_MOCK_URL. */
import { startServer, type RunningMock } from '../../mock-server/server';

export default async function globalSetup(): Promise<void> {
  const mock = await startServer({ port: 0, seed: 9 });
  (globalThis as { permMock?: RunningMock }).permMock = mock;
  process.env.PERM_MOCK_URL = mock.url;
}
