export { sonoranRoute } from './routes';
export { SonoranStore } from './store';
export { SONORAN_ERRORS, sonoranRefusal } from './errors';
export type { SonoranErrorBody, SonoranErrorCode } from './errors';
export * from './semantics';
export * from './types';
