/** perm-mock's public API. Internals (stores, routers, plumbing) stay out of it. */
export { createApp } from './app';
export type { MockControl, NamespaceControl, PermMockApp } from './app';
export { setupPermMock } from './testing';
export { ControlApiError, createControlClient } from './control';
export type { ControlClient, ControlTarget, RateLimitSetting } from './control';
export type { ClockView } from './admin/routes';
export type { RateLimitsView } from './rate-limit';
export type { Report, NamespaceReport, OperationReport } from './report/verdicts';
export { renderReport } from './report/render';
export type { FailOn, ReportFormat } from './report/render';
export type { PermMockHandle, SetupOptions } from './testing';
export type { Fault, FaultSpec } from './faults';
export { NAMESPACE_HEADER } from './http/namespace';
export { startServer, DEFAULT_HOST, DEFAULT_PORT } from './server';
export type { RunningMock, ServerOptions } from './server';
export type { MockOptions, World } from './options';
export type { JournalEntry } from './http/journal';
export { REASON_HEADER, REQUEST_ID_HEADER, WARNINGS_HEADER } from './http/diagnostics';
export { VERSION } from './version';
export type { JournalFilter } from './http/journal';
export {
  buildOpenApiDocument,
  checkAnswer,
  contractFetch,
  ContractViolationError,
  checkExchange,
  checkRequest,
  checkResponse,
  contractMatchers,
  createContractRegistry,
  formatResults,
  getContractRegistry,
  getOperation,
  liveTarget,
  loadRecordings,
  matchOperation,
  mockTarget,
  OPERATIONS,
  runScenario,
  runScenarios,
  SCENARIOS,
  shapeDifferences,
} from '../contracts';
export type {
  OpenApiDocument,
  OperationContract,
  OperationMatch,
  Recording,
  RequestExchange,
  RequestLike,
  ResponseExchange,
  ResponseLike,
  Scenario,
  ScenarioResult,
  Target,
  Violation,
} from '../contracts';
export { buildDefaultWorld } from '../fixtures/default-world';
