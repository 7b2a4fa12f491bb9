import type { RunningMock } from '../../mock-server/server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { permMock?: RunningMock }).permMock?.close();
}
