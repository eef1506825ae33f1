import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { asSuperuser, freshDatabase, testClusterUrl } from '../support/postgres';

describe('the tests’ PostgreSQL cluster', () => {
  it('takes TLS connections with the server verified, and refuses plain ones', async () => {
    const ssl = await asSuperuser((c) =>
      c.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'),
    );
    expect(ssl.rows[0]!.ssl).toBe(true);
    const plain = new pg.Client({
      connectionString: testClusterUrl().replace(/\?.*$/, ''),
      ssl: false,
    });
    await expect(plain.connect()).rejects.toThrow(/no encryption/);
  });

  it('gives each test its own empty database, and drops it', async () => {
    const db = await freshDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const tables = await client.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows[0].n).toBe(0);
    await client.end();
    await db.drop();
    const left = await asSuperuser((c) =>
      c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]),
    );
    expect(left.rowCount).toBe(0);
  });
});
