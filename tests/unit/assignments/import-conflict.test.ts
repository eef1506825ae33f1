import { describe, expect, it } from 'vitest';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';
import { b64, caseRow, csvText, utf8, type CaseCells } from '../imports/fixtures';

// 10:00 on Monday 2 March 2026 in Shanghai: the branch's day is 2026-03-02.
const NOW = '2026-03-02T02:00:00Z';

/**
 * A file assigns 借款人1 and 借款人2 to 李明; the manager moves 借款人1 to 赵强 by hand; the next
 * file still says 李明 for both (and 借款人3, new, also 李明).
 */
async function branchWithManualMove() {
  const core = await signedInCore({ now: () => new Date(NOW) });
  const li = addAccount(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const zhao = addAccount(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const wang = addAccount(core, {
    username: 'wang.fang',
    role: 'officer',
    name: '王芳',
    staffNo: 'C103',
  });
  const run = async (rows: CaseCells[], fileName: string, asOf: string) =>
    expectOk(
      await core.invoke('imports:run', {
        fileName,
        contentBase64: b64(utf8(csvText(rows))),
        mode: 'all-or-nothing',
        asOf,
      }),
    );
  const id = (n: number) =>
    core.app.db
      .prepare('SELECT id FROM borrowers WHERE name = ?')
      .pluck()
      .get(`借款人${n}`) as number;
  const officerOf = (n: number) =>
    core.app.db
      .prepare('SELECT assigned_officer_id FROM borrowers WHERE name = ?')
      .pluck()
      .get(`借款人${n}`);
  const history = (n: number) =>
    core.app.db
      .prepare(
        `SELECT from_officer_id AS "from", to_officer_id AS "to", reason, source FROM assignments
         WHERE borrower_id = ? ORDER BY id`,
      )
      .all(id(n));
  await run(
    [caseRow(1, { officer: 'C101' }), caseRow(2, { officer: 'C101' })],
    'day1.csv',
    '2026-03-01',
  );
  expectOk(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [id(1)],
      toOfficerId: zhao.staffId,
      reason: '李明负责的村太多',
    }),
  );
  const nextFile = () =>
    run(
      [
        caseRow(1, { officer: 'C101' }),
        caseRow(2, { officer: 'C103' }),
        caseRow(3, { officer: 'C101' }),
      ],
      'day2.csv',
      '2026-03-02',
    );
  return { core, li, zhao, wang, run, nextFile, officerOf, history, id };
}

describe('an import against a manager’s assignment', () => {
  it('branch wins (the default): the case stays, the report lists the difference', async () => {
    const b = await branchWithManualMove();
    expect(expectOk(await b.core.invoke('assignments:importRule', {}))).toEqual({ wins: 'branch' });
    const result = await b.nextFile();
    expect(result.officerConflicts).toEqual([
      {
        line: 2,
        borrowerId: b.id(1),
        borrowerName: '借款人1',
        currentOfficer: '赵强',
        fileOfficer: '李明',
        kept: 'branch',
      },
    ]);
    expect(result.officerConflictsTotal).toBe(1);
    // 借款人1 stays with 赵强; 借款人2 was never moved by hand, so the file moves it to 王芳, kept
    // as an import assignment; 借款人3 is new and gets 李明.
    expect([1, 2, 3].map(b.officerOf)).toEqual([b.zhao.staffId, b.wang.staffId, b.li.staffId]);
    expect(b.history(1)).toEqual([
      { from: b.li.staffId, to: b.zhao.staffId, reason: '李明负责的村太多', source: 'manual' },
    ]);
    expect(b.history(2)).toEqual([
      { from: b.li.staffId, to: b.wang.staffId, reason: 'day2.csv', source: 'import' },
    ]);
    const audit = b.core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'cases.import' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ officerConflicts: 1, officerRule: 'branch' });
    // The next file says the same: still reported, still not moved.
    const again = await b.run([caseRow(1, { officer: 'C101' })], 'day3.csv', '2026-03-02');
    expect(again.officerConflictsTotal).toBe(1);
    expect(b.officerOf(1)).toBe(b.zhao.staffId);
  });

  it('head office wins: the file moves the case back, kept as history, and the report says so', async () => {
    const b = await branchWithManualMove();
    expect(
      expectOk(await b.core.invoke('assignments:setImportRule', { wins: 'headOffice' })),
    ).toEqual({ wins: 'headOffice' });
    const audit = b.core.app.db
      .prepare("SELECT before, after FROM audit_log WHERE action = 'settings.importOfficer'")
      .all() as { before: string; after: string }[];
    expect(audit.map((a) => [JSON.parse(a.before), JSON.parse(a.after)])).toEqual([
      [{ wins: 'branch' }, { wins: 'headOffice' }],
    ]);
    const result = await b.nextFile();
    expect(result.officerConflicts).toEqual([
      expect.objectContaining({
        line: 2,
        currentOfficer: '赵强',
        fileOfficer: '李明',
        kept: 'headOffice',
      }),
    ]);
    expect(b.officerOf(1)).toBe(b.li.staffId);
    expect(b.history(1)).toEqual([
      { from: b.li.staffId, to: b.zhao.staffId, reason: '李明负责的村太多', source: 'manual' },
      { from: b.zhao.staffId, to: b.li.staffId, reason: 'day2.csv', source: 'import' },
    ]);
    // Now the file's assignment is current: a later file moves it without a conflict.
    const later = await b.run([caseRow(1, { officer: 'C103' })], 'day3.csv', '2026-03-02');
    expect(later.officerConflictsTotal).toBe(0);
    expect(b.officerOf(1)).toBe(b.wang.staffId);
  });

  it('only the manager sets the rule', async () => {
    const b = await branchWithManualMove();
    await switchTo(b.core, b.li);
    expectError(
      await b.core.invoke('assignments:setImportRule', { wins: 'headOffice' }),
      'FORBIDDEN',
    );
    expect(expectOk(await b.core.invoke('assignments:importRule', {}))).toEqual({ wins: 'branch' });
  });
});
