export { createAdminRouter } from './routes';
export { ADMIN_PROBLEMS, adminProblem } from './errors';
export type { AdminProblemCode } from './errors';
export type { HealthView, StateView } from './types';
