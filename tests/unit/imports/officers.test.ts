import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { officerKey } from '../../../electron/core/imports/officers';
import { mergeWarnings } from '../../../electron/core/imports/prepare';
import { importStaff } from '../../../electron/core/staff/import-staff';
import type { ImportMode } from '../../../electron/shared/schemas/imports';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';
import { b64, caseRow, csvText, utf8, type CaseCells } from './fixtures';

// 10:00 on Monday 2 March 2026 in Shanghai (02:00 UTC): the branch's day is 2026-03-02.
const NOW = '2026-03-02T02:00:00Z';
type Core = Awaited<ReturnType<typeof signedInCore>>;

const branch = () => signedInCore({ now: () => new Date(NOW) });

async function importRows(
  core: Core,
  rows: CaseCells[],
  options: { asOf?: string; mode?: ImportMode; fileName?: string } = {},
) {
  return expectOk(
    await core.invoke('imports:run', {
      fileName: options.fileName ?? 'cases.csv',
      contentBase64: b64(utf8(csvText(rows))),
      mode: options.mode ?? 'all-or-nothing',
      asOf: options.asOf ?? '2026-03-02',
    }),
  );
}

/** Borrower n's assigned officer (the fixture names borrower n 借款人n). */
function officerOf(core: Core, n: number): number | null {
  const row = core.app.db
    .prepare('SELECT assigned_officer_id AS id FROM borrowers WHERE name = ?')
    .get(`借款人${n}`) as { id: number | null };
  return row.id;
}

const borrowerId = (core: Core, n: number) =>
  (
    core.app.db.prepare('SELECT id FROM borrowers WHERE name = ?').get(`借款人${n}`) as {
      id: number;
    }
  ).id;

const waiting = async (core: Core) => expectOk(await core.invoke('imports:waitingOfficers', {}));

describe('officer names in head-office files', () => {
  it('compares names as head office writes them: padding, full-width letters, case', () => {
    expect(officerKey('王　芳')).toBe('王芳');
    expect(officerKey(' 王 芳 ')).toBe('王芳');
    expect(officerKey('ｃ００３')).toBe('C003');
    expect(officerKey('Li Yong')).toBe('LIYONG');
  });

  it('a branch that imports before entering its staff gets every case, unassigned, with a warning per row', async () => {
    const core = await branch();
    const result = await importRows(core, [
      caseRow(1, { officer: '王　芳' }),
      caseRow(2, { officer: '李勇' }),
      caseRow(3, { officer: '王芳' }),
      caseRow(4, { officer: '' }),
    ]);
    // All-or-nothing: warnings do not stop the file.
    expect(result).toMatchObject({ written: true, inserted: 4, rejected: 0, errors: [] });
    expect(result.warnings).toEqual([
      { line: 2, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '王　芳' },
      { line: 3, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '李勇' },
      { line: 4, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '王芳' },
    ]);
    expect(result.unknownOfficers).toEqual([
      { name: '王　芳', column: '客户经理', rows: 2, firstLine: 2 },
      { name: '李勇', column: '客户经理', rows: 1, firstLine: 3 },
    ]);
    expect([1, 2, 3, 4].map((n) => officerOf(core, n))).toEqual([null, null, null, null]);
    expect(await waiting(core)).toEqual([
      { name: '王芳', cases: 2, unassigned: 2, fileName: 'cases.csv', asOf: '2026-03-02' },
      { name: '李勇', cases: 1, unassigned: 1, fileName: 'cases.csv', asOf: '2026-03-02' },
    ]);
    const audit = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'cases.import'")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({
      officersNotOnStaff: [
        { name: '王　芳', rows: 2 },
        { name: '李勇', rows: 1 },
      ],
    });
  });

  it('the preview shows the same warnings and names and writes nothing', async () => {
    const core = await branch();
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: 'cases.csv',
        contentBase64: b64(utf8(csvText([caseRow(1, { officer: '李勇' }), caseRow(2)]))),
      }),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.warnings).toEqual([
      { line: 2, column: '客户经理', reason: 'v.import.officerNotOnStaff', detail: '李勇' },
    ]);
    expect(preview.unknownOfficers).toEqual([
      { name: '李勇', column: '客户经理', rows: 1, firstLine: 2 },
    ]);
    expect(core.app.db.prepare('SELECT count(*) AS n FROM borrowers').get()).toEqual({ n: 0 });
    expect(await waiting(core)).toEqual([]);
  });

  it('adding the officer from the report assigns the waiting cases, audited; a later file naming her assigns its case', async () => {
    const core = await branch();
    await importRows(core, [
      caseRow(1, { officer: '王　芳' }),
      caseRow(2, { officer: '李勇' }),
      caseRow(3, { officer: '王芳' }),
    ]);
    const added = expectOk(
      await core.invoke('imports:resolveOfficer', {
        action: 'create',
        name: '王　芳',
        staff: { staffNo: 'C101', name: '王芳' },
      }),
    );
    // Her own name resolves by itself: no alias is needed.
    expect(added).toMatchObject({ staffNo: 'C101', staffName: '王芳', aliased: false });
    expect(added).toMatchObject({ assigned: 2, kept: 0 });
    expect([1, 2, 3].map((n) => officerOf(core, n))).toEqual([added.staffId, null, added.staffId]);
    expect(
      core.app.db.prepare('SELECT role, active FROM staff WHERE staff_no = ?').get('C101'),
    ).toEqual({ role: 'officer', active: 1 });
    expect((await waiting(core)).map((w) => w.name)).toEqual(['李勇']);

    const audit = core.app.db
      .prepare(
        "SELECT action, entity_id, after FROM audit_log WHERE action IN ('staff.create', 'imports.resolveOfficer') ORDER BY id",
      )
      .all() as { action: string; entity_id: string; after: string }[];
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['staff.create', String(added.staffId)],
      ['imports.resolveOfficer', String(added.staffId)],
    ]);
    expect(JSON.parse(audit[1]!.after)).toEqual({
      name: '王　芳',
      how: 'created',
      staffId: added.staffId,
      staffNo: 'C101',
      alias: false,
      assignedBorrowers: [borrowerId(core, 1), borrowerId(core, 3)],
      keptBorrowers: [],
    });
    expect(verifyAuditChain(core.app.db).ok).toBe(true);

    // The next daily file: a new case for her, and borrower 2 now under her (half-width space).
    const next = await importRows(
      core,
      [caseRow(5, { officer: '王芳' }), caseRow(2, { officer: '王 芳' })],
      { asOf: '2026-03-03' },
    );
    expect(next).toMatchObject({ inserted: 1, updated: 1, warnings: [], unknownOfficers: [] });
    expect(officerOf(core, 5)).toBe(added.staffId);
    expect(officerOf(core, 2)).toBe(added.staffId);
    // Borrower 2 waited under 李勇; a file naming a known officer settles that.
    expect(await waiting(core)).toEqual([]);
  });

  it('mapping a name to a staff member persists; cases reassigned since the import are left alone', async () => {
    const core = await branch();
    const zhao = addAccount(core, {
      username: 'zhao',
      role: 'officer',
      name: '赵强',
      staffNo: 'C003',
    }).staffId;
    await importRows(core, [caseRow(3, { officer: 'C003' })], { asOf: '2026-02-01' });
    expect(officerOf(core, 3)).toBe(zhao);
    // Head office writes him as 老赵: borrower 3 keeps 赵强 meanwhile, 1 and 2 have nobody.
    const second = await importRows(
      core,
      [
        caseRow(1, { officer: '老赵' }),
        caseRow(2, { officer: '老赵' }),
        caseRow(3, { officer: '老赵' }),
      ],
      { asOf: '2026-02-08' },
    );
    expect(second.unknownOfficers).toEqual([
      { name: '老赵', column: '客户经理', rows: 3, firstLine: 2 },
    ]);
    expect([1, 2, 3].map((n) => officerOf(core, n))).toEqual([null, null, zhao]);
    expect(await waiting(core)).toEqual([
      { name: '老赵', cases: 3, unassigned: 2, fileName: 'cases.csv', asOf: '2026-02-08' },
    ]);
    // Someone gives borrower 2 to the manager before the name is sorted out.
    const manager = core.app.session!.staffId;
    core.app.db
      .prepare('UPDATE borrowers SET assigned_officer_id = ? WHERE id = ?')
      .run(manager, borrowerId(core, 2));

    const mapped = expectOk(
      await core.invoke('imports:resolveOfficer', { action: 'map', name: '老赵', staffId: zhao }),
    );
    expect(mapped).toEqual({
      staffId: zhao,
      staffNo: 'C003',
      staffName: '赵强',
      aliased: true,
      assigned: 2,
      kept: 1,
    });
    expect([1, 2, 3].map((n) => officerOf(core, n))).toEqual([zhao, manager, zhao]);
    expect(await waiting(core)).toEqual([]);
    expect(expectOk(await core.invoke('imports:officerAliases', {}))).toEqual([
      {
        name: '老赵',
        staffId: zhao,
        staffNo: 'C003',
        staffName: '赵强',
        createdAt: new Date(NOW).toISOString(),
      },
    ]);

    // Later files write the name with padding: it resolves, and nothing waits.
    const later = await importRows(core, [caseRow(4, { officer: '老　赵' })], {
      asOf: '2026-02-15',
    });
    expect(later).toMatchObject({ inserted: 1, warnings: [], unknownOfficers: [] });
    expect(officerOf(core, 4)).toBe(zhao);
  });

  it('a name whose staff member has left waits again, and a new answer replaces the old one', async () => {
    const core = await branch();
    // 小李 is what head office calls the officer the manager adds as 李勇.
    await importRows(core, [caseRow(1, { officer: '小李' })], { asOf: '2026-02-01' });
    const li = expectOk(
      await core.invoke('imports:resolveOfficer', {
        action: 'create',
        name: '小李',
        staff: { staffNo: 'C201', name: '李勇' },
      }),
    );
    expect(li).toMatchObject({ staffName: '李勇', aliased: true, assigned: 1, kept: 0 });
    expect(officerOf(core, 1)).toBe(li.staffId);

    // 李勇 leaves; head office still writes 小李 for the cases he had.
    expectOk(await core.invoke('staff:update', { id: li.staffId, active: false }));
    const after = await importRows(core, [caseRow(2, { officer: '小李' })], {
      asOf: '2026-02-08',
    });
    expect(after.unknownOfficers).toEqual([
      { name: '小李', column: '客户经理', rows: 1, firstLine: 2 },
    ]);
    expect(officerOf(core, 2)).toBeNull();

    const zhou = addAccount(core, {
      username: 'zhou',
      role: 'officer',
      name: '周敏',
      staffNo: 'C202',
    }).staffId;
    const remapped = expectOk(
      await core.invoke('imports:resolveOfficer', { action: 'map', name: '小李', staffId: zhou }),
    );
    expect(remapped).toMatchObject({ aliased: true, assigned: 1, kept: 0 });
    expect([1, 2].map((n) => officerOf(core, n))).toEqual([li.staffId, zhou]);
    expect(
      expectOk(await core.invoke('imports:officerAliases', {})).map((a) => [a.name, a.staffNo]),
    ).toEqual([['小李', 'C202']]);
    const audits = core.app.db
      .prepare(
        "SELECT before, after FROM audit_log WHERE action = 'imports.resolveOfficer' ORDER BY id",
      )
      .all() as { before: string | null; after: string }[];
    expect(audits.map((a) => (a.before === null ? null : JSON.parse(a.before)))).toEqual([
      null,
      { aliasOf: li.staffId },
    ]);
    expect(JSON.parse(audits[1]!.after)).toMatchObject({ how: 'mapped', alias: true });
  });

  it('a staff list imported after the cases gives the waiting cases to the officers it adds', async () => {
    const core = await branch();
    await importRows(core, [
      caseRow(1, { officer: '王　芳' }),
      caseRow(2, { officer: '钱柜' }),
      caseRow(3, { officer: 'c105' }),
    ]);
    const staffFile = new TextEncoder().encode(
      ['工号,姓名,角色', 'C101,王芳,催收员', 'K001,钱柜,柜员', 'C105,孙丽,催收员'].join('\r\n'),
    );
    const result = await importStaff(core.app, { name: 'staff.csv', bytes: staffFile });
    expect(result).toMatchObject({ created: 3, rejected: 0, casesAssigned: 2 });
    const id = (staffNo: string) =>
      (
        core.app.db.prepare('SELECT id FROM staff WHERE staff_no = ?').get(staffNo) as {
          id: number;
        }
      ).id;
    // By name (without the padding) and by staff number; a clerk gets no cases.
    expect([1, 2, 3].map((n) => officerOf(core, n))).toEqual([id('C101'), null, id('C105')]);
    expect((await waiting(core)).map((w) => w.name)).toEqual(['钱柜']);
    const audits = core.app.db
      .prepare(
        "SELECT entity_id, after FROM audit_log WHERE action = 'imports.resolveOfficer' ORDER BY id",
      )
      .all() as { entity_id: string; after: string }[];
    expect(audits.map((a) => [a.entity_id, JSON.parse(a.after).how])).toEqual([
      [String(id('C105')), 'staffList'],
      [String(id('C101')), 'staffList'],
    ]);
  });

  it('a name two active staff share is still an error: the row is refused, not guessed', async () => {
    const core = await branch();
    addAccount(core, { username: 'zw1', role: 'officer', name: '张伟', staffNo: 'C011' });
    addAccount(core, { username: 'zw2', role: 'officer', name: '张伟', staffNo: 'C012' });
    const result = await importRows(core, [caseRow(1, { officer: '张伟' }), caseRow(2)], {
      mode: 'valid-only',
    });
    expect(result).toMatchObject({ inserted: 1, rejected: 1, warnings: [] });
    expect(result.errors).toEqual([
      { line: 2, column: '客户经理', reason: 'v.import.ambiguousOfficer' },
    ]);
  });

  it('only a manager may add or map; cases go only to an active officer or manager; a refusal changes nothing', async () => {
    const core = await branch();
    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk', staffNo: 'K001' });
    await importRows(core, [caseRow(1, { officer: '李勇' })]);

    await switchTo(core, clerk);
    expect((await waiting(core)).map((w) => w.name)).toEqual(['李勇']);
    expectError(
      await core.invoke('imports:resolveOfficer', {
        action: 'map',
        name: '李勇',
        staffId: clerk.staffId,
      }),
      'FORBIDDEN',
    );
    await switchTo(core, { username: 'admin', passphrase: 'correct horse battery' });

    const toClerk = expectError(
      await core.invoke('imports:resolveOfficer', {
        action: 'map',
        name: '李勇',
        staffId: clerk.staffId,
      }),
      'VALIDATION',
    );
    expect(toClerk.fields).toEqual({ staffId: 'v.import.officerNotAssignable' });
    const taken = expectError(
      await core.invoke('imports:resolveOfficer', {
        action: 'create',
        name: '李勇',
        staff: { staffNo: 'K001', name: '李勇' },
      }),
      'CONFLICT',
    );
    expect(taken.fields).toEqual({ staffNo: 'e.CONFLICT' });
    const asClerk = expectError(
      await core.invoke('imports:resolveOfficer', {
        action: 'create',
        name: '李勇',
        staff: { staffNo: 'C020', name: '李勇', role: 'clerk' },
      }),
      'VALIDATION',
    );
    expect(Object.keys(asClerk.fields ?? {})).toEqual(['staff.role']);

    expect(
      core.app.db.prepare("SELECT count(*) AS n FROM staff WHERE name = '李勇'").get(),
    ).toEqual({ n: 0 });
    expect(core.app.db.prepare('SELECT count(*) AS n FROM staff_name_aliases').get()).toEqual({
      n: 0,
    });
    expect((await waiting(core)).map((w) => w.name)).toEqual(['李勇']);
    expect(officerOf(core, 1)).toBeNull();
  });

  it('keeps the first 1,000 warnings and counts the rest; every row is still imported', async () => {
    const core = await branch();
    const rows = Array.from({ length: 1_200 }, (_, i) => caseRow(i + 1, { officer: '李勇' }));
    const result = await importRows(core, rows);
    expect(result).toMatchObject({ inserted: 1_200, rejected: 0, errors: [] });
    expect(result.warnings).toHaveLength(1_001);
    expect(result.warnings[999]).toMatchObject({ line: 1_001, detail: '李勇' });
    expect(result.warnings[1_000]).toEqual({
      line: 0,
      column: '',
      reason: 'v.import.moreWarnings',
      detail: '200',
    });
    expect(result.unknownOfficers).toEqual([
      { name: '李勇', column: '客户经理', rows: 1_200, firstLine: 2 },
    ]);
    expect(await waiting(core)).toEqual([
      { name: '李勇', cases: 1_200, unassigned: 1_200, fileName: 'cases.csv', asOf: '2026-03-02' },
    ]);
  });

  it('warnings found while reading and while writing make one list: by line, bounded, one "more" entry', () => {
    const officer = (line: number) => ({
      line,
      column: '管户经理',
      reason: 'v.import.officerNotOnStaff',
      detail: '李勇',
    });
    const paidOn = (line: number) => ({
      line,
      column: '最近还款日',
      reason: 'v.import.paidOnAfterAsOf',
    });
    expect(mergeWarnings([officer(2), officer(9)], [paidOn(5)])).toEqual([
      officer(2),
      paidOn(5),
      officer(9),
    ]);
    // 1,000 officer warnings kept and 300 left out, plus 5 more while writing: 1,305 in all.
    const many = [
      ...Array.from({ length: 1_000 }, (_, i) => officer(i + 2)),
      { line: 0, column: '', reason: 'v.import.moreWarnings', detail: '300' },
    ];
    const merged = mergeWarnings(
      many,
      [1, 2, 3, 4, 5].map((n) => paidOn(n * 100)),
    );
    expect(merged).toHaveLength(1_001);
    expect(merged.filter((p) => p.reason === 'v.import.paidOnAfterAsOf')).toHaveLength(5);
    expect(merged[999]!.line).toBe(996);
    expect(merged[1_000]).toEqual({
      line: 0,
      column: '',
      reason: 'v.import.moreWarnings',
      detail: '305',
    });
  });
});
