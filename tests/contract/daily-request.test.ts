/**
 * The Daily request contract: every validation decision in shared/reference/daily.md, each with the
 * readable path the mock puts in `info`.
 */
import { getContractRegistry } from '../../contracts/registry';

const SCHEMA = 'urn:perm-mock:daily:update-permissions-request';
const registry = getContractRegistry();

const FULL_BASE = {
  video: true,
  audio: true,
  screenVideo: false,
  screenAudio: false,
  customVideo: { '*': true },
  customAudio: { '*': false, music: true },
};

describe('valid update-permissions bodies', () => {
  const valid: { name: string; body: unknown }[] = [
    { name: "the docs' curl example", body: { data: { abc: { hasPresence: true } } } },
    { name: 'a canSend list', body: { data: { abc: { canSend: ['video', 'audio'] } } } },
    { name: 'canSend [] (everything blocked)', body: { data: { abc: { canSend: [] } } } },
    { name: 'canSend with duplicates', body: { data: { abc: { canSend: ['audio', 'audio'] } } } },
    {
      name: 'canAdmin booleans and lists',
      body: { data: { a: { canAdmin: true }, b: { canAdmin: ['participants', 'streaming', 'transcription'] } } },
    },
    { name: 'data {} (a no-op)', body: { data: {} } },
    { name: '"*" as a key', body: { data: { '*': { canSend: false } } } },
    { name: 'an empty update', body: { data: { abc: {} } } },
    { name: 'canReceive.base as a boolean', body: { data: { abc: { canReceive: { base: false } } } } },
    { name: 'canReceive.base as a full media object', body: { data: { abc: { canReceive: { base: FULL_BASE } } } } },
    {
      name: 'byUserId and byParticipantId with partial media objects and custom maps without "*"',
      body: {
        data: {
          abc: {
            canReceive: {
              byUserId: { u1: true, u2: { audio: false }, u3: { customVideo: { slides: false } } },
              byParticipantId: { p1: { screenVideo: true, screenAudio: false } },
            },
          },
        },
      },
    },
    { name: 'canReceive {}', body: { data: { abc: { canReceive: {} } } } },
  ];

  it.each(valid)('accepts $name', ({ body }) => {
    expect(registry.validate(SCHEMA, body)).toEqual([]);
  });
});

describe('invalid update-permissions bodies', () => {
  const invalid: { name: string; body: unknown; first: string }[] = [
    { name: 'a body without data', body: {}, first: 'data is required' },
    { name: 'data that is not an object', body: { data: [] }, first: 'data must be an object (got an array of 0)' },
    { name: 'data that is a string', body: { data: 'abc' }, first: 'data must be an object (got "abc")' },
    { name: 'a body that is an array', body: [1], first: 'body must be an object (got an array of 1)' },
    { name: 'a body that is null', body: null, first: 'body must be an object (got null)' },
    {
      name: 'a top-level key besides data',
      body: { data: {}, room: 'x' },
      first: 'room is not a known field; known fields: data',
    },
    {
      name: 'an unknown key inside a value',
      body: { data: { abc: { canSnd: true } } },
      first: 'data.abc.canSnd is not a known field; known fields: hasPresence, canSend, canReceive, canAdmin',
    },
    {
      name: 'hasPresence as a string',
      body: { data: { abc: { hasPresence: 'yes' } } },
      first: 'data.abc.hasPresence must be a boolean (got "yes")',
    },
    {
      name: 'canSend as a string',
      body: { data: { abc: { canSend: 'video' } } },
      first: 'data.abc.canSend must be a boolean or an array (got "video")',
    },
    {
      name: 'an unknown canSend value',
      body: { data: { abc: { canSend: ['video', 'vidoe'] } } },
      first:
        'data.abc.canSend[1] must be one of "video", "audio", "screenVideo", "screenAudio", "customVideo", "customAudio" (got "vidoe")',
    },
    {
      name: 'an unknown canAdmin value',
      body: { data: { abc: { canAdmin: ['recording'] } } },
      first: 'data.abc.canAdmin[0] must be one of "participants", "streaming", "transcription" (got "recording")',
    },
    {
      name: 'the value of a key that is not an object',
      body: { data: { abc: true } },
      first: 'data.abc must be an object (got true)',
    },
    {
      name: 'canReceive as a boolean',
      body: { data: { abc: { canReceive: true } } },
      first: 'data.abc.canReceive must be an object (got true)',
    },
    {
      name: 'an unknown canReceive sub-field',
      body: { data: { abc: { canReceive: { byRole: {} } } } },
      first: 'data.abc.canReceive.byRole is not a known field; known fields: base, byUserId, byParticipantId',
    },
    {
      name: 'a base object missing a key',
      body: {
        data: {
          abc: {
            canReceive: {
              base: { video: true, audio: true, screenVideo: true, screenAudio: true, customVideo: { '*': true } },
            },
          },
        },
      },
      first: 'data.abc.canReceive.base.customAudio is required',
    },
    {
      name: 'a base custom map without "*"',
      body: { data: { abc: { canReceive: { base: { ...FULL_BASE, customVideo: { slides: true } } } } } },
      first: 'data.abc.canReceive.base.customVideo.* is required',
    },
    {
      name: 'a byUserId value that is not a boolean or media object',
      body: { data: { abc: { canReceive: { byUserId: { u1: 'no' } } } } },
      first: 'data.abc.canReceive.byUserId.u1 must be a boolean or an object (got "no")',
    },
    {
      name: 'a custom track value that is not a boolean',
      body: { data: { abc: { canReceive: { byParticipantId: { p1: { customAudio: { music: 1 } } } } } } },
      first: 'data.abc.canReceive.byParticipantId.p1.customAudio.music must be a boolean (got 1)',
    },
    {
      name: 'a key with characters that need quoting',
      body: { data: { 'a b': { canSend: 'no' } } },
      first: 'data["a b"].canSend must be a boolean or an array (got "no")',
    },
  ];

  it.each(invalid)('refuses $name, naming the path', ({ body, first }) => {
    const violations = registry.validate(SCHEMA, body);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]?.text).toBe(first);
  });

  it('reports every violation, not only the first', () => {
    const texts = registry.validate(SCHEMA, { data: { a: { canSend: ['x'], hasPresence: 1 } } }).map((v) => v.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'data.a.hasPresence must be a boolean (got 1)',
        expect.stringMatching(/^data\.a\.canSend\[0\] must be one of/),
      ]),
    );
  });
});
