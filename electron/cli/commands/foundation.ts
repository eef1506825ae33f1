import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { verifyAuditChain } from '../../core/audit/audit';
import { backupInto, restoreFrom } from '../../core/backup/backup';
import { databaseHolder } from '../../core/app/holder';
import { dataFilesFor } from '../../core/app/paths';
import { createNodeCore, nodeDriver } from '../../core/node';
import { AppFailure } from '../../shared/result';
import { readPassphrase, signedIn, unwrap, type CliIo, type CliOptions } from '../context';
import type { Command } from './types';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const init: Command = {
  name: 'init',
  usage:
    'init --db PATH --branch-name NAME --branch-code CODE [--user NAME] [--name NAME] [--staff-no NO]',
  summary: 'create a new encrypted branch database and its first manager account',
  async run(options: CliOptions, io: CliIo) {
    const v = options.values;
    const core = createNodeCore(options.db, { dailyBackup: false, log: (m) => io.err(m) });
    const passphrase = await readPassphrase(io, 'New passphrase for the manager: ');
    const result = unwrap(
      await core.invoke('app:setup', {
        branch: {
          name: text(v['branch-name']) ?? '',
          code: text(v['branch-code']) ?? '',
          address: text(v.address) ?? '',
          phone: text(v.phone) ?? '',
          complaintHotline: text(v.hotline) ?? '',
          timeZone: text(v['time-zone']) ?? 'Asia/Shanghai',
        },
        manager: {
          name: text(v.name) ?? options.user,
          staffNo: text(v['staff-no']) ?? 'M001',
          username: options.user,
          passphrase,
          confirm: passphrase,
        },
      }),
    );
    await core.app.settle();
    core.app.lock('signOut');
    if (options.json) {
      io.out(JSON.stringify({ db: path.resolve(options.db), recoveryKey: result.recoveryKey }));
    } else {
      io.out(`Created ${path.resolve(options.db)}`);
      io.out('Recovery key (print it and keep it safe; it is shown only now):');
      io.out(`  ${result.recoveryKey}`);
    }
    return 0;
  },
};

export const verify: Command = {
  name: 'verify',
  usage: 'verify --db PATH [--json]',
  summary: 'check the file (integrity_check) and the audit hash chain; exit 0 only when both hold',
  async run(options, io) {
    const core = await signedIn(options, io);
    try {
      const rows = core.app.db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      const chain = verifyAuditChain(core.app.db);
      const ok = problems.length === 0 && chain.ok;
      if (options.json) {
        io.out(JSON.stringify({ ok, integrity: problems.length ? problems : 'ok', audit: chain }));
      } else {
        io.out(`integrity: ${problems.length ? problems.join('; ') : 'ok'}`);
        io.out(
          `audit chain: ${chain.ok ? 'ok' : `broken at row ${chain.firstBadId}`} (${chain.rows} rows)`,
        );
        io.out(`audit head: ${chain.head}`);
      }
      return ok ? 0 : 1;
    } finally {
      await core.close();
    }
  },
};

export const backup: Command = {
  name: 'backup',
  usage: 'backup --db PATH --out FILE [--json]',
  summary: 'write an encrypted copy (VACUUM INTO) and its key file',
  async run(options, io) {
    const out = z
      .string()
      .min(1)
      .parse(options.values.out, { error: () => 'missing --out FILE' });
    const core = await signedIn(options, io);
    try {
      core.app.db.pragma('wal_checkpoint(PASSIVE)');
      const result = backupInto(core.app.db, out, core.app.files.keys);
      core.app.db.transaction(() => {
        core.app.audit({ action: 'backup.create', entity: 'backup', entityId: result.file });
      })();
      io.out(
        options.json
          ? JSON.stringify(result)
          : `Backup written to ${result.file} (${result.bytes} bytes)`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const restore: Command = {
  name: 'restore',
  usage: 'restore --from FILE --db PATH [--json]',
  summary: 'check a backup copy, then put it in place of the database (the old file is kept)',
  async run(options, io) {
    const from = z
      .string()
      .min(1)
      .parse(options.values.from, { error: () => 'missing --from FILE' });
    if (!fs.existsSync(from)) throw new AppFailure('NOT_FOUND', `backup not found: ${from}`);
    const holder = databaseHolder(dataFilesFor(options.db));
    if (holder) {
      throw new AppFailure(
        'BUSY',
        `Visitdesk (process ${holder}) has this database open; close it before restoring`,
      );
    }
    const passphrase = await readPassphrase(io);
    const result = restoreFrom(
      from,
      options.db,
      { kind: 'passphrase', username: options.user, passphrase },
      nodeDriver,
    );
    io.out(
      options.json
        ? JSON.stringify({
            restored: path.resolve(options.db),
            from: path.resolve(from),
            ...result,
          })
        : `Restored ${path.resolve(options.db)} from ${path.resolve(from)}${result.replaced ? `; the previous file is kept as ${result.replaced}` : ''}`,
    );
    return 0;
  },
};

export const stats: Command = {
  name: 'stats',
  usage: 'stats --db PATH [--json]',
  summary: 'row counts per table',
  async run(options, io) {
    const core = await signedIn(options, io);
    try {
      const tables = core.app.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .all() as { name: string }[];
      const counts: Record<string, number> = {};
      for (const { name } of tables) {
        if (/_(data|idx|content|docsize|config)$/.test(name)) continue;
        const row = core.app.db
          .prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`)
          .get() as { n: number };
        counts[name] = row.n;
      }
      if (options.json) io.out(JSON.stringify({ tables: counts }));
      else for (const [name, n] of Object.entries(counts)) io.out(`${name.padEnd(28)} ${n}`);
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const foundationCommands = [init, verify, backup, restore, stats];
