import { contractMatchers } from '../../contracts/matchers';

expect.extend(contractMatchers);

// Every mock a test builds checks its own answers against their contracts (--self-check): an answer
// that breaks one becomes a 500 problem, which fails the test that received it.
process.env.PERM_MOCK_SELF_CHECK ??= '1';
