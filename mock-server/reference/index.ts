/**
 * The reference pages under docs/reference/, generated from the tables (operations, errors, flags)
 * so they cannot drift from the code. `npm run docs` writes them; a test fails when one is stale.
 */
import { CONFIG_SCHEMA_FILE } from '../config-schema';
import { configSchema } from '../flags';
import { renderErrorsPage } from './errors';
import { renderFlagsPage } from './flags';
import { renderRoutesPage } from './routes';

/** Page path (relative to the repository) → its text (the config file's JSON Schema is generated here too). */
export function referencePages(): Record<string, string> {
  return {
    'docs/reference/errors.md': renderErrorsPage(),
    [CONFIG_SCHEMA_FILE]: `${JSON.stringify(configSchema(), null, 2)}\n`,
    'docs/reference/flags.md': renderFlagsPage(),
    'docs/reference/daily-routes.md': renderRoutesPage(['daily'], 'Daily routes'),
    'docs/reference/sonoran-radio-routes.md': renderRoutesPage(['sonoran-v1', 'sonoran-v2'], 'Sonoran Radio routes'),
    'docs/reference/control-api-routes.md': renderRoutesPage(['admin'], 'Control API routes'),
  };
}
