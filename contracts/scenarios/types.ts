/**
 * A contract scenario: one request whose answer is known in advance, safe to send to the real API.
 * The same scenarios run against the mock (in `npm test`) and against Daily and Sonoran Radio
 * (`npm run contract:live`), and every answer is checked against the same contract.
 */

/** Where Daily scenarios go, and the ids they need. */
export interface DailyTarget {
  /** e.g. `https://api.daily.co/v1` or `http://127.0.0.1:4400/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** A room hosting a call. */
  readonly room: string;
  /** The session id of a participant in that call. */
  readonly participantId: string;
  /** That participant's current permissions, re-applied as they are; without them an empty update is sent. */
  readonly permissions?: Readonly<Record<string, unknown>>;
}

/** Where Sonoran Radio scenarios go, and the ids they need. */
export interface SonoranTarget {
  /** e.g. `https://api.sonoranradio.com` or `http://127.0.0.1:4400`. */
  readonly baseUrl: string;
  readonly communityId: string;
  readonly apiKey: string;
  /** A member's account id. */
  readonly accId: string;
  /** That member's current permission mask, re-applied as it is. */
  readonly perm?: number;
}

export interface Target {
  /** `mock`, `live`, or a URL: shown in reports and recordings. */
  readonly label: string;
  readonly daily?: DailyTarget;
  readonly sonoran?: SonoranTarget;
  /** Why an API has no target (e.g. which environment variables to set). */
  readonly missing: { readonly daily?: string; readonly sonoran?: string };
}

export interface ScenarioRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is (so a scenario can send a body that is not JSON); none for a GET. */
  readonly body?: string;
}

interface ScenarioBase {
  /** `daily.wrong-key`: also the name of its recording. */
  readonly id: string;
  readonly operation: string;
  readonly title: string;
  /** Why sending it to a real account changes nothing. */
  readonly safety: string;
  readonly expectStatus: number;
  /** Further expectations on the body, beyond its contract (e.g. the Daily error type). */
  readonly expectBody?: (body: unknown) => string[];
}

export interface DailyScenario extends ScenarioBase {
  readonly api: 'daily';
  /** Why this scenario cannot run against this target (undefined: it can). */
  readonly cannotRun?: (target: DailyTarget) => string | undefined;
  readonly build: (target: DailyTarget) => ScenarioRequest;
}

export interface SonoranScenario extends ScenarioBase {
  readonly api: 'sonoran';
  readonly cannotRun?: (target: SonoranTarget) => string | undefined;
  readonly build: (target: SonoranTarget) => ScenarioRequest;
}

export type Scenario = DailyScenario | SonoranScenario;
