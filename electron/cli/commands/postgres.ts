import path from 'node:path';
import { AppFailure } from '../../shared/result';
import { backupPostgres, restorePostgres } from '../../core/backup/postgres';
import { postgresEngine } from '../../core/db/postgres/connect';
import { migratePostgres, postgresSchemaVersion } from '../../core/db/postgres/migrate';
import { copySqliteToPostgres, type CopyReport } from '../../core/db/postgres/copy-from-sqlite';
import { signedIn, type CliIo, type CliOptions } from '../context';
import { cliFailure } from '../errors';
import { existingFile, requiredOption } from '../options';
import { say } from '../text';
import { stringOption, type Command } from './types';

/**
 * The commands that work on a PostgreSQL database as its administrator (issue 19):
 * `--database-url` (or VISITDESK_DATABASE_URL) on `init`, `backup` and `restore` selects it
 * instead of the embedded SQLite file, and `copy-to-postgres` copies this PC's branch into it.
 * The address's rules (TLS verified, no password in messages) are the engine's:
 * core/db/postgres/connect.ts. The other commands run as a desk on the server (types.ts
 * `desk`, context.ts `signedIn`).
 */

export const databaseUrlOption = { 'database-url': stringOption } as const;

/** The PostgreSQL address of this run: --database-url, else VISITDESK_DATABASE_URL, else none. */
export function databaseUrl(options: CliOptions, io: CliIo): string | null {
  const given = options.values['database-url'];
  if (typeof given === 'string') return requiredOption(options.values, 'database-url');
  const fromEnv = io.env.VISITDESK_DATABASE_URL?.trim();
  return fromEnv ? fromEnv : null;
}

/** `init --database-url`: Visitdesk's schema in an empty PostgreSQL database. */
export async function initPostgres(url: string, options: CliOptions, io: CliIo): Promise<number> {
  // The app's own login, as a desk connects: it owns the tables it creates.
  const engine = await postgresEngine({ url });
  try {
    const found = await postgresSchemaVersion(engine.db);
    if (found > 0) {
      throw cliFailure('ALREADY_SET_UP', 'cli.pg.alreadySetUp', { version: String(found) });
    }
    const version = await migratePostgres(engine.db);
    const server = serverOf(url);
    io.out(
      options.json
        ? JSON.stringify({ server, schemaVersion: version })
        : say('cli.pg.done.init', options.lang, { server, version: String(version) }),
    );
    return 0;
  } finally {
    await engine.close();
  }
}

/** `backup --database-url --out FILE`: pg_dump's custom format and its manifest beside it. */
export async function backupOnPostgres(
  url: string,
  options: CliOptions,
  io: CliIo,
): Promise<number> {
  const out = path.resolve(requiredOption(options.values, 'out'));
  const made = await backupPostgres({ url, file: out });
  io.out(
    options.json
      ? JSON.stringify(made)
      : say('cli.pg.done.backup', options.lang, {
          file: made.file,
          bytes: made.bytes,
          tables: made.tables,
          manifest: `${made.file}.json`,
        }),
  );
  return 0;
}

/** `restore --database-url --from FILE`: into an empty database, then verified. */
export async function restoreOnPostgres(
  url: string,
  options: CliOptions,
  io: CliIo,
): Promise<number> {
  const from = existingFile(options.values, 'from');
  const done = await restorePostgres({ url, file: from });
  io.out(
    options.json
      ? JSON.stringify({ from: path.resolve(from), ...done })
      : say('cli.pg.done.restore', options.lang, {
          from: path.resolve(from),
          server: serverOf(url),
          tables: done.tables,
          audit: done.auditRows,
          version: String(done.schemaVersion),
        }),
  );
  return 0;
}

/**
 * `copy-to-postgres --db PATH --database-url …`: moves a branch from this PC's encrypted
 * database into a PostgreSQL database made by `init --database-url`, in one transaction,
 * checked table by table and with the audit chain intact (core/db/postgres/copy-from-sqlite.ts).
 * The manager's alone, as a restore is; audited in the source afterwards.
 */
export const copyToPostgres: Command = {
  name: 'copy-to-postgres',
  usage: 'copy-to-postgres --db PATH --database-url postgres://… [--user NAME] [--json]',
  summary: {
    zh: '把本机加密数据库中的网点整体复制到已建好表结构的空 PostgreSQL 数据库，逐表核对并保持审计链完整',
    en: 'copy this PC’s branch into an empty PostgreSQL database made by init --database-url, checked table by table, the audit chain intact',
  },
  options: { ...databaseUrlOption },
  async run(options, io) {
    const url = databaseUrl(options, io);
    if (!url) throw cliFailure('VALIDATION', 'cli.missing', { option: '--database-url' });
    // The source is this PC's database; --database-url names the target.
    const core = await signedIn(options, io, null);
    try {
      const role = core.app.session?.role;
      if (role !== 'manager') {
        // Refused as the dispatcher refuses a channel beyond the role: said, and audited.
        await core.app.write((tx) =>
          core.app.record(tx, {
            action: 'access.refused',
            entity: 'command',
            entityId: 'copy-to-postgres',
            success: false,
            after: { role },
          }),
        );
        throw new AppFailure('FORBIDDEN', 'only a manager may copy the branch to a server');
      }
      const target = await postgresEngine({ url });
      let report: CopyReport;
      try {
        // The file's key goes with it, so this PC's key file opens the copy (server-desk.ts).
        const deskKey = core.app.withKey((key) => Buffer.from(key));
        try {
          report = await copySqliteToPostgres(core.app.db, target, { deskKey });
        } finally {
          deskKey.fill(0);
        }
      } finally {
        await target.close();
      }
      const server = serverOf(url);
      await core.app.write((tx) =>
        core.app.record(tx, {
          action: 'branch.copyToPostgres',
          entity: 'branch',
          entityId: 1,
          after: { server, auditRows: report.auditRows, auditHead: report.auditHead },
        }),
      );
      const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
      io.out(
        options.json
          ? JSON.stringify({ server, ...report })
          : say('cli.pg.done.copy', options.lang, {
              server,
              tables: report.tables.length,
              rows,
              audit: report.auditRows,
            }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

/** host:port/database of an address, for messages (never the login or password). */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    throw new AppFailure('VALIDATION', 'not a PostgreSQL address', {
      fields: { databaseUrl: 'v.invalid' },
    });
  }
}
