import { defineIsolationSuite } from './isolation-suite';

defineIsolationSuite('b', 1);
