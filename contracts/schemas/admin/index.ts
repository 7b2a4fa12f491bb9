/** The control API's contract schemas. */
import clock from './clock.json';
import daily from './daily.json';
import events from './events.json';
import health from './health.json';
import journal from './journal.json';
import namespaces from './namespaces.json';
import openApi from './openapi.json';
import problem from './problem.json';
import report from './report.json';
import scenarios from './scenarios.json';
import sonoran from './sonoran-radio.json';
import state from './state.json';
import worldInput from './world-input.json';

export const ADMIN_SCHEMAS = [
  clock,
  problem,
  daily,
  sonoran,
  state,
  health,
  journal,
  openApi,
  namespaces,
  scenarios,
  worldInput,
  report,
  events,
];
