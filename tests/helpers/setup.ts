import { contractMatchers } from '../../contracts/matchers';

expect.extend(contractMatchers);
