export { ADMIN_HANDLERS } from './routes';
export { ADMIN_PROBLEMS, adminProblem } from './errors';
export type { AdminProblemCode } from './errors';
export type { AdminContext, AdminHandler, AdminRequest, AdminResult, HealthView, StateView } from './types';
