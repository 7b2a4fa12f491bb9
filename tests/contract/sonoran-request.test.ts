/** The Sonoran Radio request contract: every shape decision in shared/reference/sonoran-radio.md. */
import { getContractRegistry } from '../../contracts/registry';

const SCHEMA = 'urn:perm-mock:sonoran-radio:set-member-permissions-request';
const registry = getContractRegistry();
const ACC = '91de0ce8-c571-11e9-9714-5600023b2434';

describe('valid set-member-permissions bodies', () => {
  it.each([
    [
      "the docs' example",
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 34, profilePerms: [{ profileId: 12, canJoin: true }] }] },
    ],
    ['perm 0 (revoke everything)', { apiKey: 'k', userPerms: [{ accId: ACC, perm: 0 }] }],
    ['perm 1023 (every bit)', { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1023 }] }],
    ['profilePerms []', { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [] }] }],
    ['profilePerms {} (an empty Lua table)', { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: {} }] }],
    ['userPerms [] (the JS SDK can send it)', { apiKey: 'k', userPerms: [] }],
    ['an unknown top-level field such as roomId', { apiKey: 'k', roomId: 1, userPerms: [] }],
    [
      'canJoin false',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [{ profileId: 0, canJoin: false }] }] },
    ],
  ])('accepts %s', (_name, body) => {
    expect(registry.validate(SCHEMA, body)).toEqual([]);
  });
});

describe('invalid set-member-permissions bodies', () => {
  it.each([
    ['userPerms missing', { apiKey: 'k' }, 'userPerms is required'],
    [
      'userPerms not an array',
      { apiKey: 'k', userPerms: { accId: ACC, perm: 1 } },
      'userPerms must be an array (got an object)',
    ],
    ['perm missing', { apiKey: 'k', userPerms: [{ accId: ACC }] }, 'userPerms[0].perm is required'],
    [
      'perm above 1023',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1024 }] },
      'userPerms[0].perm must be <= 1023 (got 1024)',
    ],
    ['perm below 0', { apiKey: 'k', userPerms: [{ accId: ACC, perm: -1 }] }, 'userPerms[0].perm must be >= 0 (got -1)'],
    [
      'perm not an integer',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 3.5 }] },
      'userPerms[0].perm must be an integer (got 3.5)',
    ],
    [
      'perm as a string',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: '34' }] },
      'userPerms[0].perm must be an integer (got "34")',
    ],
    [
      'accId empty',
      { apiKey: 'k', userPerms: [{ accId: '', perm: 1 }] },
      'userPerms[0].accId must NOT have fewer than 1 characters',
    ],
    [
      'accId a number',
      { apiKey: 'k', userPerms: [{ accId: 5, perm: 1 }] },
      'userPerms[0].accId must be a string (got 5)',
    ],
    [
      'profileId negative',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [{ profileId: -1, canJoin: true }] }] },
      'userPerms[0].profilePerms[0].profileId must be >= 0 (got -1)',
    ],
    [
      'profileId a string',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [{ profileId: '12', canJoin: true }] }] },
      'userPerms[0].profilePerms[0].profileId must be an integer (got "12")',
    ],
    [
      'canJoin not a boolean',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [{ profileId: 1, canJoin: 'true' }] }] },
      'userPerms[0].profilePerms[0].canJoin must be a boolean (got "true")',
    ],
    [
      'canJoin missing',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: [{ profileId: 1 }] }] },
      'userPerms[0].profilePerms[0].canJoin is required',
    ],
    [
      'profilePerms a non-empty object',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: { 12: true } }] },
      'userPerms[0].profilePerms must NOT have more than 0 properties',
    ],
    [
      'profilePerms a string',
      { apiKey: 'k', userPerms: [{ accId: ACC, perm: 1, profilePerms: 'none' }] },
      'userPerms[0].profilePerms must be an array or an object (got "none")',
    ],
    ['a body that is an array', [], 'body must be an object (got an array of 0)'],
  ])('refuses %s, naming the path', (_name, body, first) => {
    expect(registry.validate(SCHEMA, body)[0]?.text).toBe(first);
  });
});
