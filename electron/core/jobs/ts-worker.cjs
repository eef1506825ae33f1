// Worker bootstrap for running the TypeScript worker from sources (tests, CLI, benchmarks).
// The built app points its runner at the bundled worker instead.
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.__entry);
