import { defineIsolationSuite } from './isolation-suite';

defineIsolationSuite('a', 0);
