import { defineIsolationSuite } from './isolation-suite';

defineIsolationSuite('c', 2);
