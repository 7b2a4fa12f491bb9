/** The config file's schema, generated from the flag table (mock-server/flags.ts) by `npm run docs`. */
import config from './perm-mock.schema.json';

export const CONFIG_SCHEMAS = [config];
