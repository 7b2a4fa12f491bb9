/**
 * Recordings: real answers to contract scenarios, kept as fixtures with where and when they came
 * from, so that offline tests can hold both the contracts and the mock to what the real API said.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { getContractRegistry } from '../registry';
import type { ObservedResponse, ScenarioResult } from './run';
import type { Target } from './types';

export interface Provenance {
  readonly kind: 'recording' | 'documented-example' | 'observed';
  readonly source: string;
  readonly recordedAt?: string;
  readonly tool?: string;
  readonly note?: string;
}

export interface Recording {
  readonly scenario: string;
  readonly operation: string;
  readonly provenance: Provenance;
  readonly request?: { readonly method: string; readonly path: string; readonly body?: string };
  readonly response: ObservedResponse;
}

/** Where recordings live by default: fixtures/recordings under the working directory. */
export function defaultRecordingsDir(): string {
  return resolve('fixtures', 'recordings');
}

/** Secrets and account ids → placeholders, so a recording can be committed. */
function redactor(target: Target): (text: string) => string {
  const pairs: [string, string][] = [];
  if (target.daily !== undefined) {
    pairs.push(
      [target.daily.apiKey, '<api-key>'],
      [target.daily.participantId, '<participant>'],
      [target.daily.room, '<room>'],
    );
  }
  if (target.sonoran !== undefined) {
    pairs.push(
      [target.sonoran.apiKey, '<api-key>'],
      [target.sonoran.accId, '<acc-id>'],
      [target.sonoran.communityId, '<community>'],
    );
  }
  const usable = pairs.filter(([secret]) => secret.length >= 3).sort((a, b) => b[0].length - a[0].length);
  return (text) => usable.reduce((out, [secret, placeholder]) => out.split(secret).join(placeholder), text);
}

export function toRecording(result: ScenarioResult, target: Target, now: Date, tool: string): Recording | undefined {
  if (result.request === undefined || result.response === undefined) return undefined;
  const redact = redactor(target);
  const url = new URL(result.request.url);
  return {
    scenario: result.scenario.id,
    operation: result.scenario.operation,
    provenance: { kind: 'recording', source: `${url.protocol}//${url.host}`, recordedAt: now.toISOString(), tool },
    request: {
      method: result.request.method,
      path: redact(url.pathname),
      ...(result.request.body !== undefined && { body: redact(result.request.body) }),
    },
    response: JSON.parse(redact(JSON.stringify(result.response))) as ObservedResponse,
  };
}

function fileOf(dir: string, scenario: string): string {
  const [api, name] = scenario.split('.', 2) as [string, string];
  return join(dir, api === 'sonoran' ? 'sonoran-radio' : api, `${name}.json`);
}

/** Write atomically (temporary file, then rename); returns the path. */
export function writeRecording(dir: string, recording: Recording): string {
  const file = fileOf(dir, recording.scenario);
  mkdirSync(join(file, '..'), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(recording, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

/** Every recording under `dir`, each checked against the recording schema (a bad file throws, naming it). */
export function loadRecordings(dir: string = defaultRecordingsDir()): { file: string; recording: Recording }[] {
  const out: { file: string; recording: Recording }[] = [];
  for (const api of readdirSync(dir, { withFileTypes: true })) {
    if (!api.isDirectory()) continue;
    for (const entry of readdirSync(join(dir, api.name))) {
      if (!entry.endsWith('.json')) continue;
      const file = join(dir, api.name, entry);
      const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const violations = getContractRegistry().validate('urn:perm-mock:harness:recording', data, 'recording');
      if (violations.length > 0)
        throw new Error(`${file} is not a recording: ${violations.map((v) => v.text).join('; ')}`);
      out.push({ file, recording: data as Recording });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The shape of a JSON value: its types and, for objects, its keys; values themselves are ignored. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? ['empty'] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return typeof value;
}

/** Where two bodies differ in shape, as readable lines (`body.info: string in the recording, missing here`). */
export function shapeDifferences(recorded: unknown, actual: unknown, path = 'body'): string[] {
  const a = shapeOf(recorded);
  const b = shapeOf(actual);
  if (
    typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const out: string[] = [];
    const ra = recorded as Record<string, unknown>;
    const rb = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
      if (!Object.hasOwn(rb, key)) out.push(`${path}.${key}: in the recording, missing from the mock's answer`);
      else if (!Object.hasOwn(ra, key)) out.push(`${path}.${key}: in the mock's answer, not in the recording`);
      else out.push(...shapeDifferences(ra[key], rb[key], `${path}.${key}`));
    }
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b)
    ? []
    : [`${path}: ${JSON.stringify(a)} in the recording, ${JSON.stringify(b)} in the mock's answer`];
}
