import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn, switchToOn } from '../support/desk';
import { engineKinds, type EngineKind } from '../support/engines';
import { auditRows } from '../complaints/support';
import { b64, caseRow, csvText, utf8, type CaseCells } from '../imports/fixtures';

// 10:00 on Monday 2 March 2026 in Shanghai: the branch's day is 2026-03-02.
const NOW = '2026-03-02T02:00:00Z';

/**
 * A file assigns 借款人1 and 借款人2 to 李明; the manager moves 借款人1 to 赵强 by hand; the next
 * file still says 李明 for both (and 借款人3, new, also 李明).
 */
async function branchWithManualMove(kind: EngineKind = 'sqlite') {
  const core = await signedInCoreOn(kind, { now: () => new Date(NOW) });
  const li = await addAccountOn(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const zhao = await addAccountOn(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const wang = await addAccountOn(core, {
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
  // Read on the engine of whoever is signed in now: a sign-in opens a new one.
  const borrower = async (n: number) =>
    core.app.engine.db
      .selectFrom('borrowers')
      .select(['id', 'assigned_officer_id'])
      .where('name', '=', `借款人${n}`)
      .executeTakeFirstOrThrow();
  const id = async (n: number) => (await borrower(n)).id;
  const officerOf = async (n: number) => (await borrower(n)).assigned_officer_id;
  const history = async (n: number) =>
    core.app.engine.db
      .selectFrom('assignments')
      .select(['from_officer_id as from', 'to_officer_id as to', 'reason', 'source'])
      .where('borrower_id', '=', await id(n))
      .orderBy('id')
      .execute();
  await run(
    [caseRow(1, { officer: 'C101' }), caseRow(2, { officer: 'C101' })],
    'day1.csv',
    '2026-03-01',
  );
  expectOk(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [await id(1)],
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

/**
 * On both engines: import-engines.test.ts reports a conflict under the branch's rule, but
 * neither the case kept and its history nor the head office's rule moving it back.
 */
describe.each(engineKinds)('an import against a manager’s assignment on %s', (kind) => {
  it('branch wins (the default): the case stays, the report lists the difference', async () => {
    const b = await branchWithManualMove(kind);
    expect(expectOk(await b.core.invoke('assignments:importRule', {}))).toEqual({ wins: 'branch' });
    const result = await b.nextFile();
    expect(result.officerConflicts).toEqual([
      {
        line: 2,
        borrowerId: await b.id(1),
        borrowerName: '借款人1',
        currentOfficer: '赵强',
        fileOfficer: '李明',
        kept: 'branch',
      },
    ]);
    expect(result.officerConflictsTotal).toBe(1);
    // 借款人1 stays with 赵强; 借款人2 was never moved by hand, so the file moves it to 王芳, kept
    // as an import assignment; 借款人3 is new and gets 李明.
    expect(await Promise.all([1, 2, 3].map(b.officerOf))).toEqual([
      b.zhao.staffId,
      b.wang.staffId,
      b.li.staffId,
    ]);
    expect(await b.history(1)).toEqual([
      { from: b.li.staffId, to: b.zhao.staffId, reason: '李明负责的村太多', source: 'manual' },
    ]);
    expect(await b.history(2)).toEqual([
      { from: b.li.staffId, to: b.wang.staffId, reason: 'day2.csv', source: 'import' },
    ]);
    const audit = await auditRows(b.core.app.engine.db, 'cases.import');
    expect(audit.at(-1)!.after).toMatchObject({ officerConflicts: 1, officerRule: 'branch' });
    // The next file says the same: still reported, still not moved.
    const again = await b.run([caseRow(1, { officer: 'C101' })], 'day3.csv', '2026-03-02');
    expect(again.officerConflictsTotal).toBe(1);
    expect(await b.officerOf(1)).toBe(b.zhao.staffId);
  });

  it('head office wins: the file moves the case back, kept as history, and the report says so', async () => {
    const b = await branchWithManualMove(kind);
    expect(
      expectOk(await b.core.invoke('assignments:setImportRule', { wins: 'headOffice' })),
    ).toEqual({ wins: 'headOffice' });
    const audit = await auditRows(b.core.app.engine.db, 'settings.importOfficer');
    expect(audit.map((a) => [a.before, a.after])).toEqual([
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
    expect(await b.officerOf(1)).toBe(b.li.staffId);
    expect(await b.history(1)).toEqual([
      { from: b.li.staffId, to: b.zhao.staffId, reason: '李明负责的村太多', source: 'manual' },
      { from: b.zhao.staffId, to: b.li.staffId, reason: 'day2.csv', source: 'import' },
    ]);
    // Now the file's assignment is current: a later file moves it without a conflict.
    const later = await b.run([caseRow(1, { officer: 'C103' })], 'day3.csv', '2026-03-02');
    expect(later.officerConflictsTotal).toBe(0);
    expect(await b.officerOf(1)).toBe(b.wang.staffId);
  });
});

describe('the import rule', () => {
  it('only the manager sets the rule', async () => {
    const b = await branchWithManualMove();
    await switchToOn(b.core, b.li);
    expectError(
      await b.core.invoke('assignments:setImportRule', { wins: 'headOffice' }),
      'FORBIDDEN',
    );
    expect(expectOk(await b.core.invoke('assignments:importRule', {}))).toEqual({ wins: 'branch' });
  });
});
