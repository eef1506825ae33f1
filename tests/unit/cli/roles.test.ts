import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import { caseRow, csvText, idFor } from '../imports/fixtures';
import { cli, openCore } from './support';

/**
 * The command line as each role: every command that runs signed in goes through the
 * dispatcher, so it is refused exactly where the screens' permission matrix refuses, and each
 * refusal is in the audit log. init, recover and restore run before anyone is signed in (the
 * app's setup, recovery and restore screens) and are not in this table: restore reads the role
 * from the backup itself (restore.test.ts).
 */

const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };
const ROLES = ['manager', 'officer', 'clerk', 'auditor'] as const;

/** The accounts besides the manager made by init: one per role. */
const ACCOUNTS: Record<Exclude<Role, 'manager'>, { username: string; passphrase: string }> = {
  officer: { username: 'li.officer', passphrase: 'officer passphrase 1' },
  clerk: { username: 'wang.clerk', passphrase: 'clerk passphrase 12' },
  auditor: { username: 'zhao.auditor', passphrase: 'auditor passphrase' },
};
const accountOf = (role: Role) => (role === 'manager' ? MANAGER : ACCOUNTS[role]);

type Name =
  | 'seed-demo'
  | 'verify'
  | 'stats'
  | 'backup'
  | 'import'
  | 'export-cases'
  | 'import-staff'
  | 'import-roster'
  | 'export-summary';

/**
 * Written out by hand from the permission matrix as the screens show it (who sees which
 * button), not read from roles.ts: ✓ runs, ✗ refused. The channel is the one a refusal names.
 */
const TABLE: Record<Name, { channel: string; allowed: Record<Role, boolean> }> = {
  // Only the manager loads the demo branch (the empty case list offers it to the manager).
  'seed-demo': {
    channel: 'cases:loadDemo',
    allowed: { manager: true, officer: false, clerk: false, auditor: false },
  },
  // Integrity and the audit chain are the auditor's view (and the manager's).
  verify: {
    channel: 'audit:checkFile',
    allowed: { manager: true, officer: false, clerk: false, auditor: true },
  },
  stats: {
    channel: 'audit:tableCounts',
    allowed: { manager: true, officer: false, clerk: false, auditor: true },
  },
  // Backups are for everyone who works the data; the auditor only reads.
  backup: {
    channel: 'backup:create',
    allowed: { manager: true, officer: true, clerk: true, auditor: false },
  },
  // Head-office files are imported by the manager and the clerk.
  import: {
    channel: 'imports:run',
    allowed: { manager: true, officer: false, clerk: true, auditor: false },
  },
  // The case list leaves the branch with a purpose: manager, clerk, auditor; not the officers.
  'export-cases': {
    channel: 'cases:export',
    allowed: { manager: true, officer: false, clerk: true, auditor: true },
  },
  // Staff are the manager's.
  'import-staff': {
    channel: 'staff:import',
    allowed: { manager: true, officer: false, clerk: false, auditor: false },
  },
  // Whoever plans visits on screen: manager, officer, clerk.
  'import-roster': {
    channel: 'planning:importRoster',
    allowed: { manager: true, officer: true, clerk: true, auditor: false },
  },
  // Everyone reads the monthly summary.
  'export-summary': {
    channel: 'reports:exportXlsx',
    allowed: { manager: true, officer: true, clerk: true, auditor: true },
  },
};

let dir = '';
let db = '';
const files = { cases: '', staff: '', roster: '' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-cli-roles-'));
  db = path.join(dir, 'v.db');
  expect((await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1'])).code).toBe(
    0,
  );
  // The other roles' accounts, made as the accounts screen makes them.
  const core = openCore(db);
  expect((await core.invoke('auth:signIn', MANAGER)).ok).toBe(true);
  for (const [role, account] of Object.entries(ACCOUNTS)) {
    const staff = await core.invoke('staff:create', {
      staffNo: `R-${role}`,
      name: account.username,
      role: role as Role,
    });
    if (!staff.ok) throw new Error(staff.error.message);
    const made = await core.invoke('accounts:create', {
      staffId: staff.data.id,
      username: account.username,
      passphrase: account.passphrase,
      confirm: account.passphrase,
    });
    if (!made.ok) throw new Error(made.error.message);
  }
  await core.app.settle();
  core.app.lock('quit');

  files.cases = path.join(dir, 'cases.csv');
  fs.writeFileSync(files.cases, csvText([caseRow(9001, { name: '钱七' })]));
  files.staff = path.join(dir, 'staff.csv');
  fs.writeFileSync(
    files.staff,
    '工号,姓名,角色,手机号,资格证书编号,证书到期日\r\nR-new,孙八,催收员,13800138009,ZG-9,2030-12-31\r\n',
  );
  // A row every rule refuses (21:30 is outside the legal hours): whoever may import a roster
  // gets the rule's answer, whoever may not gets the refusal, whatever the day.
  files.roster = path.join(dir, 'roster.csv');
  fs.writeFileSync(
    files.roster,
    `身份证号,走访日期,开始时间,结束时间,走访人员\r\n${idFor(9001)},2030-03-11,21:30,22:30,R-officer、R-clerk\r\n`,
  );
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The command line for one command as one role (files named per role, so none is reused). */
function argsFor(name: Name, role: Role): string[] {
  const base = ['--db', db, '--user', accountOf(role).username];
  const out = (ending: string) => path.join(dir, `${name}-${role}${ending}`);
  switch (name) {
    case 'seed-demo':
    case 'verify':
    case 'stats':
      return [name, ...base];
    case 'backup':
      return [name, ...base, '--out', out('.db')];
    case 'import':
      return [name, ...base, '--file', files.cases, '--as-of', '2026-03-01'];
    case 'export-cases':
      return [name, ...base, '--out', out('.csv'), '--purpose', '报送总行季度核对'];
    case 'import-staff':
      return [name, ...base, '--file', files.staff];
    case 'import-roster':
      return [name, ...base, '--file', files.roster];
    case 'export-summary':
      return [name, ...base, '--month', '2026-02', '--out', out('.xlsx'), '--purpose', '报总行'];
  }
}

/** What the command did when it was let through (each checked as far as it is the role's). */
function expectDone(name: Name, role: Role, result: { code: number; stdout: string }) {
  if (name === 'import-roster') {
    // Let through: the rules judged the row (and refused it), nothing was refused to the role.
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^没有安排走访：/);
    return;
  }
  expect(result.code).toBe(0);
  if (name === 'backup') expect(fs.existsSync(path.join(dir, `backup-${role}.db`))).toBe(true);
  if (name === 'export-cases') {
    expect(fs.existsSync(path.join(dir, `export-cases-${role}.csv`))).toBe(true);
  }
  if (name === 'export-summary') {
    expect(fs.existsSync(path.join(dir, `export-summary-${role}.xlsx`))).toBe(true);
  }
}

/** The refusals found in the audit log, read through the core's own audit viewer. */
async function refusalsInLog() {
  const core = openCore(db);
  try {
    expect((await core.invoke('auth:signIn', MANAGER)).ok).toBe(true);
    const staff = await core.invoke('staff:list', {});
    if (!staff.ok) throw new Error(staff.error.message);
    const roleOf = new Map(staff.data.map((s) => [s.id, s.role]));
    const read = async (action: string) => {
      const listed = await core.invoke('audit:list', { action, pageSize: 100 });
      if (!listed.ok) throw new Error(listed.error.message);
      return [...listed.data.rows].sort((a, b) => a.id - b.id);
    };
    return {
      refused: (await read('access.refused')).map((r) => ({
        role: r.staffId === null ? null : roleOf.get(r.staffId),
        channel: r.entityId,
        success: r.success,
      })),
      failedSignIns: (await read('auth.signInFailed')).map((r) => ({
        username: r.entityId,
        success: r.success,
      })),
    };
  } finally {
    await core.app.settle();
    core.app.lock('quit');
  }
}

const FORBIDDEN_ZH = '错误：您的角色无权执行此操作。';
// The manager loads the demo branch first: it goes only into a branch without case files.
const ORDER: Name[] = [
  'seed-demo',
  'verify',
  'stats',
  'backup',
  'import',
  'export-cases',
  'import-staff',
  'import-roster',
  'export-summary',
];
const expectedRefusals: { role: Role; channel: string; success: boolean }[] = [];

describe('every CLI command as each role goes through the dispatcher’s role check', () => {
  for (const role of ROLES) {
    it(`as ${role}: runs where the matrix allows, refused where it refuses`, async () => {
      for (const name of ORDER) {
        const { channel, allowed } = TABLE[name];
        const result = await cli(argsFor(name, role), accountOf(role).passphrase);
        if (allowed[role]) {
          expect(result.stderr, `${name} as ${role}`).not.toContain(FORBIDDEN_ZH);
          expectDone(name, role, result);
        } else {
          expect({ name, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual(
            {
              name,
              code: 1,
              stdout: '',
              stderr: FORBIDDEN_ZH,
            },
          );
          expectedRefusals.push({ role, channel, success: false });
        }
      }
      // Nothing an export refused to a role left a file behind.
      for (const name of ['export-cases', 'export-summary', 'backup'] as const) {
        if (TABLE[name].allowed[role]) continue;
        expect(fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-${role}`))).toEqual([]);
      }
    }, 240_000);
  }

  it('each refusal is in the audit log: who (by role) was refused which channel', async () => {
    // By hand: officer 6, clerk 4, auditor 5 refusals, in the order the commands ran.
    expect(expectedRefusals).toHaveLength(15);
    const { refused } = await refusalsInLog();
    expect(refused).toEqual(expectedRefusals);
  }, 60_000);

  it('signed out (a wrong passphrase) a command reaches no channel, and the failure is audited at the next sign-in', async () => {
    const before = (await refusalsInLog()).failedSignIns.length;
    const wrong = await cli(argsFor('stats', 'officer'), 'not the passphrase');
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: '错误：用户名或口令不正确。' });
    const { failedSignIns, refused } = await refusalsInLog();
    expect(failedSignIns.slice(before)).toEqual([{ username: 'li.officer', success: false }]);
    // A caller who never signed in reached no channel: no role refusal for them.
    expect(refused).toHaveLength(15);
  }, 60_000);
});
