/** Schemas of the harness's own files (recordings). */
import recording from './recording.json';

export const HARNESS_SCHEMAS = [recording];
