/**
 * fast-check settings: a fixed seed in CI (CI=true) so a run is reproducible, a fresh one locally
 * so development explores more; PERM_MOCK_FC_SEED replays any run. A failure names its seed.
 */
import fc from 'fast-check';

export const CI_SEED = 20261123;

export function fcSeed(): number {
  const forced = process.env.PERM_MOCK_FC_SEED;
  if (forced !== undefined && forced !== '') return Number(forced);
  return process.env.CI === undefined || process.env.CI === '' ? Math.floor(Math.random() * 2 ** 31) : CI_SEED;
}

/** fc.assert with our seed policy; a failure says how to replay it. */
export async function assertProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const seed = fcSeed();
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nReplay this run with PERM_MOCK_FC_SEED=${seed}`, { cause: error });
  }
}
