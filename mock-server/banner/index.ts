/**
 * What `perm-mock` prints at start: where it listens and everything a first request needs. Each
 * API's section lives in its own file (daily.ts, sonoran-radio.ts).
 */
import type { World } from '../world';
import { dailySection } from './daily';
import { sonoranSection } from './sonoran-radio';
import { shellQuote, type BannerContext } from './shell';

export { exampleDailyCurl } from './daily';
export { exampleSonoranCurl, exampleSonoranV2Curls } from './sonoran-radio';

export interface BannerInput {
  readonly url: string;
  readonly version: string;
  readonly world: World;
  readonly strict: boolean;
  readonly seed: number;
  /**
   * The admin token, so that the control-API curls work as printed: they name `$PERM_MOCK_ADMIN_TOKEN`
   * when the token came from that variable, and carry the token itself when it was given otherwise
   * (it is on the command line or in the config file already).
   */
  readonly adminToken?: { readonly value: string; readonly fromEnv: boolean } | undefined;
  readonly stateFile?: string | undefined;
}

export function renderBanner({ url, version, world, strict, seed, adminToken, stateFile }: BannerInput): string {
  const context: BannerContext = {
    url,
    adminHeader:
      adminToken === undefined
        ? ''
        : adminToken.fromEnv
          ? ` -H "Authorization: Bearer $PERM_MOCK_ADMIN_TOKEN"`
          : ` -H ${shellQuote(`Authorization: Bearer ${adminToken.value}`)}`,
  };
  const lines: string[] = [];
  lines.push(`perm-mock ${version} listening on ${url}  (seed ${seed}, ${strict ? 'strict' : 'lenient'} mode)`);
  if (stateFile !== undefined) lines.push(`state file     ${stateFile}`);
  lines.push('');
  lines.push(...dailySection(world, context), '');
  lines.push(...sonoranSection(world, context), '');
  lines.push(
    `Control API    ${url}/__admin  (health, state, reset, daily/rooms/{name}, sonoran/communities/{id}[/rooms/{roomId}/users]; see docs/control-api.md)`,
  );
  lines.push(
    `Inspector      ${url}/__admin/ui  (rooms, members and requests live in a browser${adminToken === undefined ? '' : '; it asks for the admin token'}; see docs/inspector.md)`,
  );
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
