export { DAILY_SCENARIOS } from './daily';
export { SONORAN_SCENARIOS } from './sonoran-radio';
export { formatResults, runScenario, runScenarios, SCENARIOS, summarize } from './run';
export type { ObservedResponse, Outcome, RunOptions, ScenarioResult } from './run';
export { DAILY_BASE_URL, LIVE_VARIABLES, liveTarget, mockTarget, SONORAN_BASE_URL } from './targets';
export {
  defaultRecordingsDir,
  loadRecordings,
  shapeDifferences,
  shapeOf,
  toRecording,
  writeRecording,
} from './recordings';
export type { Provenance, Recording } from './recordings';
export type {
  DailyScenario,
  DailyTarget,
  Scenario,
  ScenarioRequest,
  SonoranScenario,
  SonoranTarget,
  Target,
} from './types';
export { checkDrift, formatDrift, valueDifferences } from './drift';
export type { DriftResult } from './drift';
