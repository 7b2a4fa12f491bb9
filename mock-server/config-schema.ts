/** Where the config file's JSON Schema lives: generated from the flag table by `npm run docs`, shipped with the package. */
export const CONFIG_SCHEMA_ID = 'urn:perm-mock:config';
/** Its path in the repository and in the installed package. */
export const CONFIG_SCHEMA_FILE = 'contracts/schemas/config/perm-mock.schema.json';
