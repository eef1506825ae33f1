import { startCluster, stopCluster } from '../../tools/postgres-cluster.mjs';

/**
 * The unit suite's global setup: a throw-away PostgreSQL cluster for the tests that run on
 * both engines, unless the caller already gave one (`npm test` and `.ci/run` start one for all
 * the suites: tests/tools/with-postgres.mjs). The forks inherit the address.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.VISITDESK_TEST_PG_URL) return undefined;
  const cluster = await startCluster();
  process.env.VISITDESK_TEST_PG_URL = cluster.url;
  return () => stopCluster(cluster.dir);
}
