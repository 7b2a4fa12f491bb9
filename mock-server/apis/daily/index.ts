export { DAILY_API } from './routes';
export type { DailyOptions } from './routes';
export { DailyStore } from './store';
export { DAILY_ERRORS, renderDailyError } from './errors';
export type { DailyErrorCode, DailyErrorBody } from './errors';
export * from './semantics';
export * from './types';
