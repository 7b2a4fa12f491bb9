export { dailyRoute } from './routes';
export { DailyStore } from './store';
export { DAILY_ERRORS, dailyWireError } from './errors';
export type { DailyErrorCode, DailyErrorBody } from './errors';
export * from './semantics';
export * from './types';
