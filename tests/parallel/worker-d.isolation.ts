import { defineIsolationSuite } from './isolation-suite';

defineIsolationSuite('d', 3);
