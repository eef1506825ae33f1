// Runs a command with a throw-away PostgreSQL cluster (tests/tools/postgres-cluster.mjs) for
// every suite in it, unless VISITDESK_TEST_PG_URL already names one: `npm test` runs the
// suites on both engines. The cluster is stopped when the command ends, however it ends.
import { spawn } from 'node:child_process';
import { startCluster, stopCluster } from './postgres-cluster.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-postgres.mjs COMMAND [ARGS...]\n');
  process.exit(2);
}

let cluster = null;
if (!process.env.VISITDESK_TEST_PG_URL) {
  cluster = await startCluster();
  process.env.VISITDESK_TEST_PG_URL = cluster.url;
  process.stdout.write(`PostgreSQL for the tests: 127.0.0.1:${cluster.port} (${cluster.dir})\n`);
}
const stop = () => {
  if (cluster) stopCluster(cluster.dir);
  cluster = null;
};
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
