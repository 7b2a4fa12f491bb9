export { SONORAN_API } from './routes';
export type { SonoranOptions } from './routes';
export { SonoranStore } from './store';
export { SONORAN_ERRORS, renderSonoranError } from './errors';
export type { SonoranErrorBody, SonoranErrorCode } from './errors';
export * from './semantics';
export * from './types';
