/** Daily's /meeting-tokens endpoints: make a token (a signed JWT) and validate one. */
import {
  authenticate,
  contractRefusal,
  field,
  isRecord,
  isRefused,
  readJson,
  refuse,
  type DailyHandler,
} from './requests';
import { checkProperties } from './rooms';
import { checkMeetingToken, encodeClaims, signMeetingToken, TOKEN_PROPERTIES } from './tokens';

const createMeetingToken: DailyHandler = async (req, { store }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const read = readJson(req, { hint: 'send {"properties": {…}} or no body', optional: true });
  if (isRefused(read)) return read;
  const properties = field(read.value, 'properties');
  const given = isRecord(properties) ? properties : {};
  const checked = checkProperties(TOKEN_PROPERTIES, given, req.now.getTime(), 'meeting token');
  if (!checked.ok) return refuse('DAILY_PROPERTY_INVALID', checked.info, checked.info, read.warnings);
  const broken = contractRefusal(read);
  if (broken !== undefined) return broken;

  const warnings = [...read.warnings, ...checked.warnings];
  const roomName = given.room_name;
  if (typeof roomName === 'string' && store.getRoom(roomName) === undefined) {
    warnings.push(`room_name ${roomName} is not a room (yet): the token cannot join anything until it is made`);
  }
  const claims = encodeClaims(given, store.domain.id, Math.floor(req.now.getTime() / 1000));
  // Signed with the key the request was made with: one of the domain's keys.
  const token = await signMeetingToken(claims, denied.key);
  return { status: 200, body: { token }, warnings };
};

const validateMeetingToken: DailyHandler = async (req, { store, options }) => {
  const denied = authenticate(req, store);
  if (isRefused(denied)) return denied;
  const ignoreNbf = req.query.get('ignoreNbf');
  if (ignoreNbf !== null && ignoreNbf !== 'true' && ignoreNbf !== 'false') {
    return refuse('DAILY_REQUEST_INVALID', `ignoreNbf was '${ignoreNbf}' but should be true or false`);
  }
  const checked = await checkMeetingToken(req.params.token ?? '', store.apiKeys, store.domain.id, req.now.getTime(), {
    ignoreNbf: ignoreNbf === 'true',
  });
  if (!checked.ok) return refuse(checked.code, checked.info);
  return { status: 200, body: options.tokenValidate === 'claims' ? checked.claims : checked.properties };
};

export const TOKEN_HANDLERS: Readonly<Record<string, DailyHandler>> = {
  'daily.createMeetingToken': createMeetingToken,
  'daily.validateMeetingToken': validateMeetingToken,
};
