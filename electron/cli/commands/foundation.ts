import fs from 'node:fs';
import path from 'node:path';
import { restoreAsManager } from '../../core/backup/restore';
import { underThrottle } from '../../core/auth/guard';
import { SignInThrottle } from '../../core/auth/throttle';
import { databaseHolder } from '../../core/app/holder';
import { dataFilesFor } from '../../core/app/paths';
import { createNodeCore, nodeDriver } from '../../core/node';
import {
  coreOptions,
  readPassphrase,
  signedIn,
  unwrap,
  type CliIo,
  type CliOptions,
} from '../context';
import { AppFailure } from '../../shared/result';
import { checkpointSchema, type Checkpoint } from '../../shared/schemas/file-check';
import { databaseFileProblem, keyFileOf } from '../database-file';
import { cliFailure } from '../errors';
import { existingFile, requiredOption } from '../options';
import { list, say } from '../text';
import {
  backupOnPostgres,
  copyToPostgres,
  databaseUrl,
  databaseUrlOption,
  initPostgres,
  restoreOnPostgres,
} from './postgres';
import { stringOption, type Command } from './types';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const init: Command = {
  name: 'init',
  usage:
    'init --db PATH --branch-name NAME --branch-code CODE [--user NAME] [--name NAME] [--staff-no NO] [--address TEXT] [--phone NO] [--hotline NO] [--time-zone TZ] | init --database-url postgres://…',
  summary: {
    zh: '新建加密的网点数据库及第一个管理员账户；或用 --database-url 在空的 PostgreSQL 数据库中建立表结构',
    en: "create a new encrypted branch database and its first manager account; or, with --database-url, Visitdesk's schema in an empty PostgreSQL database",
  },
  options: {
    ...databaseUrlOption,
    'branch-name': stringOption,
    'branch-code': stringOption,
    address: stringOption,
    phone: stringOption,
    hotline: stringOption,
    'time-zone': stringOption,
    name: stringOption,
    'staff-no': stringOption,
  },
  async run(options: CliOptions, io: CliIo) {
    const url = databaseUrl(options, io);
    if (url) return initPostgres(url, options, io);
    const v = options.values;
    const files = dataFilesFor(options.db);
    if (fs.existsSync(files.db) || fs.existsSync(files.keys)) {
      throw cliFailure('ALREADY_SET_UP', 'cli.dbExists', { value: path.resolve(options.db) });
    }
    const branchName = requiredOption(v, 'branch-name');
    const branchCode = requiredOption(v, 'branch-code');
    const core = createNodeCore(options.db, coreOptions(io));
    const passphrase = await readPassphrase(
      io,
      options.lang,
      say('cli.prompt.newPassphrase', options.lang),
    );
    const result = unwrap(
      await core.invoke('auth:setup', {
        branch: {
          name: branchName,
          code: branchCode,
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
    const db = path.resolve(options.db);
    io.out(
      options.json
        ? JSON.stringify({ db, recoveryKey: result.recoveryKey })
        : say('cli.done.init', options.lang, {
            db,
            branch: branchName,
            user: options.user,
            key: result.recoveryKey,
          }),
    );
    return 0;
  },
};

/** Heads and checkpoints carried in from outside: --head HASH[,HASH…] and --heads FILE. */
function givenAnchors(values: CliOptions['values'], lang: CliOptions['lang']) {
  const heads: string[] = [];
  const checkpoints: Checkpoint[] = [];
  if (typeof values.head === 'string') {
    heads.push(...values.head.split(/[,\s]+/).filter(Boolean));
  }
  if (typeof values.heads === 'string') {
    const lines = fs.readFileSync(existingFile(values, 'heads'), 'utf8').split(/\r?\n/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      if (/^[0-9a-f]{64}$/i.test(line)) return void heads.push(line);
      const parsed = (() => {
        try {
          return checkpointSchema.safeParse(JSON.parse(line));
        } catch {
          return null;
        }
      })();
      if (parsed?.success) checkpoints.push(parsed.data);
      else throw cliFailure('VALIDATION', 'cli.verify.badHeads', { line: String(i + 1) });
    });
  }
  for (const h of heads) {
    if (!/^[0-9a-f]{64}$/i.test(h)) {
      throw cliFailure('VALIDATION', 'cli.verify.headNotFound', { hash: h });
    }
  }
  void lang;
  return { heads, checkpoints };
}

export const verify: Command = {
  name: 'verify',
  usage: 'verify --db PATH [--head HASH[,HASH…]] [--heads FILE] [--json]',
  summary: {
    zh: '检查数据库文件（integrity_check）、审计哈希链、每个签名检查点及给出的外部链头；全部吻合时才以 0 退出',
    en: 'check the file (integrity_check), the audit hash chain, every signed checkpoint and the outside heads given; exit 0 only when all hold',
  },
  desk: true,
  options: { head: stringOption, heads: stringOption },
  async run(options, io) {
    const given = givenAnchors(options.values, options.lang);
    const core = await signedIn(options, io);
    try {
      const report = await core.call('audit:checkFile', given);
      const { ok, audit: chain, checkpoints, heads } = report;
      const problems = report.integrity;
      const badCheckpoints = checkpoints.filter((c) => c.verdict !== 'ok');
      const missingHeads = heads.filter((h) => h.foundAtId === null);
      const lang = options.lang;
      const db = path.resolve(options.db);
      if (options.json) {
        io.out(
          JSON.stringify({
            ok,
            integrity: problems.length ? problems : 'ok',
            audit: chain,
            checkpoints,
            heads,
          }),
        );
      } else if (ok && !checkpoints.length && !heads.length) {
        io.out(say('cli.done.verify', lang, { db, rows: chain.rows, head: chain.head }));
      } else if (ok) {
        io.out(
          say('cli.done.verifyCheckpoints', lang, {
            db,
            rows: String(chain.rows),
            head: chain.head,
            checkpoints: String(checkpoints.length),
            heads: String(heads.length),
          }),
        );
      } else {
        const found = [
          ...(problems.length
            ? [say('cli.verify.integrity', lang, { list: list(problems, lang) })]
            : []),
          ...(chain.ok ? [] : [say('cli.verify.chain', lang, { id: String(chain.firstBadId) })]),
          ...badCheckpoints.map(({ verdict, missingRows, ...c }) =>
            say(`cli.verify.${verdict as Exclude<typeof verdict, 'ok'>}`, lang, {
              at: c.at,
              reason: c.reason,
              rows: String(c.rows),
              missing: String(missingRows ?? 0),
            }),
          ),
          ...missingHeads.map((h) => say('cli.verify.headNotFound', lang, { hash: h.hash })),
        ];
        io.out(
          say('cli.fail.verify', lang, { db, problems: found.join(lang === 'zh' ? '；' : '; ') }),
        );
      }
      return ok ? 0 : 1;
    } finally {
      await core.close();
    }
  },
};

export const backup: Command = {
  name: 'backup',
  usage: 'backup --db PATH --out FILE [--json] | backup --database-url postgres://… --out FILE',
  summary: {
    zh: '做一次与应用相同的备份（加密的 VACUUM INTO 副本，留在网点的备份文件夹中），并把它和密钥文件复制到 --out；用 --database-url 时以 pg_dump 备份 PostgreSQL 数据库',
    en: 'make the app’s own backup (an encrypted VACUUM INTO copy, kept in the branch’s backup folder) and copy it with its key file to --out; with --database-url, a pg_dump of the PostgreSQL database',
  },
  options: { out: stringOption, ...databaseUrlOption },
  async run(options, io) {
    const url = databaseUrl(options, io);
    if (url) return backupOnPostgres(url, options, io);
    const out = path.resolve(requiredOption(options.values, 'out'));
    if (fs.existsSync(out)) throw new AppFailure('CONFLICT', `backup file exists: ${out}`);
    const core = await signedIn(options, io);
    try {
      // The app's own backup (backup:create): a signed checkpoint, the copy in the branch's
      // backup folder beside the daily ones, audited; then copied to --out with its key file.
      const made = await core.call('backup:create', {});
      const result = {
        ...copyBackup(made.file, out),
        bytes: made.bytes,
        createdAt: made.createdAt,
      };
      io.out(
        options.json
          ? JSON.stringify(result)
          : say('cli.done.backup', options.lang, {
              file: result.file,
              bytes: result.bytes,
              keys: result.keysFile,
            }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

/**
 * Copies a backup and its key file to `out`: the key file first, then the copy under its name
 * (never over a file that appeared meanwhile), so a copy is never there without its keys.
 * Both stay owner-only, as the backup folder's are.
 */
function copyBackup(from: string, out: string): { file: string; keysFile: string } {
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const keysFile = dataFilesFor(out).keys;
  fs.copyFileSync(dataFilesFor(from).keys, keysFile);
  fs.chmodSync(keysFile, 0o600);
  fs.copyFileSync(from, out, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(out, 0o600);
  return { file: out, keysFile };
}

const backupProblemText = {
  folder: 'cli.fromIsFolder',
  notDatabase: 'cli.notBackup',
  plainSqlite: 'cli.plainBackup',
  noKeyFile: 'cli.backupNoKeyFile',
} as const;

/** A --from that is a folder, no database at all, or a copy without its key file, said so. */
function refuseNonBackup(from: string): void {
  const problem = databaseFileProblem(from);
  if (problem === null || problem === 'missing') return;
  throw cliFailure(
    problem === 'noKeyFile' ? 'KEYSLOTS_DAMAGED' : 'VALIDATION',
    backupProblemText[problem],
    { value: path.resolve(from), keys: keyFileOf(from) },
    { field: { name: 'from', key: 'v.invalid' } },
  );
}

/**
 * The restore's refusals that are about the backup, not the database: its key file unreadable,
 * or one that does not open it (not "the recovery key is wrong", which the core's code says).
 */
function aboutTheBackup<T>(from: string, restoreIt: () => T): T {
  try {
    return restoreIt();
  } catch (error) {
    const code = error instanceof AppFailure && !error.fields ? error.code : null;
    const params = { value: path.resolve(from), keys: keyFileOf(from) };
    const field = { field: { name: 'from', key: 'v.invalid' } };
    if (code === 'WRONG_KEY') throw cliFailure('WRONG_KEY', 'cli.backupKeyMismatch', params, field);
    if (
      code === 'KEYSLOTS_DAMAGED' &&
      error instanceof Error &&
      error.message.includes(params.keys)
    ) {
      throw cliFailure('KEYSLOTS_DAMAGED', 'cli.keysDamaged', params, field);
    }
    throw error;
  }
}

export const restore: Command = {
  name: 'restore',
  usage: 'restore --from FILE --db PATH [--json] | restore --database-url postgres://… --from FILE',
  summary: {
    zh: '先检查备份副本，再用它替换数据库（原文件保留）；用 --database-url 时恢复到空的 PostgreSQL 数据库并核对',
    en: 'check a backup copy, then put it in place of the database (the old file is kept); with --database-url, into an empty PostgreSQL database, then checked',
  },
  options: { from: stringOption, ...databaseUrlOption },
  async run(options, io) {
    const url = databaseUrl(options, io);
    if (url) return restoreOnPostgres(url, options, io);
    const from = existingFile(options.values, 'from');
    refuseNonBackup(from);
    const holder = databaseHolder(dataFilesFor(options.db));
    if (holder) throw cliFailure('BUSY', 'cli.busy', { pid: holder });
    const passphrase = await readPassphrase(io, options.lang);
    // The manager's alone, and audited in the restored database (core/backup/restore.ts). A
    // wrong passphrase counts against the same throttle file as the app's sign-in and restore.
    const throttle = new SignInThrottle(Date.now, dataFilesFor(options.db).attempts);
    const result = aboutTheBackup(from, () =>
      underThrottle(throttle, options.user, 'backup.restoreRefused', () =>
        restoreAsManager({
          from,
          dbFile: options.db,
          username: options.user,
          passphrase,
          driver: nodeDriver,
          now: new Date(),
        }),
      ),
    );
    const paths = { db: path.resolve(options.db), from: path.resolve(from) };
    io.out(
      options.json
        ? JSON.stringify({
            restored: paths.db,
            from: paths.from,
            replaced: result.replaced,
            replacedAuditHead: result.replacedHead.head,
          })
        : result.replaced
          ? say('cli.done.restoreReplaced', options.lang, { ...paths, replaced: result.replaced })
          : say('cli.done.restore', options.lang, paths),
    );
    return 0;
  },
};

export const stats: Command = {
  name: 'stats',
  usage: 'stats --db PATH [--json]',
  summary: { zh: '各表的行数', en: 'row counts per table' },
  desk: true,
  options: {},
  async run(options, io) {
    const core = await signedIn(options, io);
    try {
      const { tables: counts } = await core.call('audit:tableCounts', {});
      const filled = Object.entries(counts).filter(([, n]) => n > 0);
      io.out(
        options.json
          ? JSON.stringify({ tables: counts })
          : say('cli.done.stats', options.lang, {
              db: path.resolve(options.db),
              tables: Object.keys(counts).length,
              counts: list(
                filled.map(([name, n]) => `${name} ${n}`),
                options.lang,
              ),
              empty: Object.keys(counts).length - filled.length,
            }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const foundationCommands = [init, verify, backup, restore, stats, copyToPostgres];
