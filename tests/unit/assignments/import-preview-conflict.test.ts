import { describe, expect, it } from 'vitest';
import { expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn } from '../support/desk';
import { engineKinds, type EngineKind } from '../support/engines';
import { b64, caseRow, csvText, utf8, type CaseCells } from '../imports/fixtures';

// 10:00 on Monday 2 March 2026 in Shanghai.
const NOW = '2026-03-02T02:00:00Z';

/**
 * 借款人1–3 come in with 李明; the manager moves 借款人1 and 借款人3 to 赵强 by hand. The preview
 * of the next file must name the rows the run will report, before anything is written.
 */
async function branchWithManualMoves(kind: EngineKind) {
  const core = await signedInCoreOn(kind, { now: () => new Date(NOW) });
  const officer = (username: string, name: string, staffNo: string) =>
    addAccountOn(core, { username, role: 'officer', name, staffNo });
  await officer('li.ming', '李明', 'C101');
  const zhao = await officer('zhao.qiang', '赵强', 'C102');
  await officer('wang.fang', '王芳', 'C103');
  const source = (rows: CaseCells[], fileName: string) => ({
    fileName,
    contentBase64: b64(utf8(csvText(rows))),
  });
  expectOk(
    await core.invoke('imports:run', {
      ...source(
        [1, 2, 3].map((n) => caseRow(n, { officer: 'C101' })),
        'day1.csv',
      ),
      mode: 'all-or-nothing',
      asOf: '2026-03-01',
    }),
  );
  const db = core.app.engine.db;
  const id = async (n: number) =>
    (
      await db
        .selectFrom('borrowers')
        .select('id')
        .where('name', '=', `借款人${n}`)
        .executeTakeFirstOrThrow()
    ).id;
  expectOk(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [await id(1), await id(3)],
      toOfficerId: zhao.staffId,
      reason: '李明负责的村太多',
    }),
  );
  // 借款人1 twice (a second loan), 借款人2 (moved by no one), 借款人3 by staff number and name.
  const next = source(
    [
      caseRow(1, { officer: 'C101' }),
      caseRow(1, { officer: 'C103', loan_no: 'L100001' }),
      caseRow(2, { officer: 'C103' }),
      caseRow(3, { officer: '王芳' }),
      caseRow(4, { officer: 'C101' }),
    ],
    'day2.csv',
  );
  const assignments = async () =>
    Number(
      (
        await db
          .selectFrom('assignments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { core, id, next, assignments };
}

/** On both engines: import-engines.test.ts previews a file without manual moves. */
describe.each(engineKinds)('the import preview foresees officer conflicts on %s', (kind) => {
  it('branch wins: every row against a manual assignment, each row listed, nothing written', async () => {
    const b = await branchWithManualMoves(kind);
    const before = await b.assignments();
    const preview = expectOk(await b.core.invoke('imports:preview', b.next));
    expect(preview.officerRule).toBe('branch');
    expect(preview.officerConflictsTotal).toBe(3);
    expect(preview.officerConflicts).toEqual([
      {
        line: 2,
        borrowerId: await b.id(1),
        borrowerName: '借款人1',
        fileOfficer: '李明',
        currentOfficer: '赵强',
        kept: 'branch',
      },
      {
        line: 3,
        borrowerId: await b.id(1),
        borrowerName: '借款人1',
        fileOfficer: '王芳',
        currentOfficer: '赵强',
        kept: 'branch',
      },
      {
        line: 5,
        borrowerId: await b.id(3),
        borrowerName: '借款人3',
        fileOfficer: '王芳',
        currentOfficer: '赵强',
        kept: 'branch',
      },
    ]);
    expect(await b.assignments()).toBe(before);
    // The run reports what the preview foresaw.
    const run = expectOk(
      await b.core.invoke('imports:run', { ...b.next, mode: 'all-or-nothing', asOf: '2026-03-02' }),
    );
    expect(run.officerConflictsTotal).toBe(3);
    expect(run.officerConflicts).toEqual(preview.officerConflicts);
  });

  it('head office wins: a borrower the file moved back conflicts once, not on its next row', async () => {
    const b = await branchWithManualMoves(kind);
    expectOk(await b.core.invoke('assignments:setImportRule', { wins: 'headOffice' }));
    const preview = expectOk(await b.core.invoke('imports:preview', b.next));
    expect(preview.officerRule).toBe('headOffice');
    expect(preview.officerConflictsTotal).toBe(2);
    expect(
      preview.officerConflicts!.map((c) => [c.line, c.borrowerName, c.fileOfficer, c.kept]),
    ).toEqual([
      [2, '借款人1', '李明', 'headOffice'],
      [5, '借款人3', '王芳', 'headOffice'],
    ]);
    const run = expectOk(
      await b.core.invoke('imports:run', { ...b.next, mode: 'all-or-nothing', asOf: '2026-03-02' }),
    );
    expect(run.officerConflicts).toEqual(preview.officerConflicts);
  });

  it('a file without officers, or a branch without manual moves, foresees none', async () => {
    const b = await branchWithManualMoves(kind);
    const bare = {
      fileName: 'bare.csv',
      contentBase64: b64(utf8(csvText([caseRow(1), caseRow(3)]))),
    };
    const preview = expectOk(await b.core.invoke('imports:preview', bare));
    expect(preview.officerConflictsTotal).toBe(0);
    expect(preview.officerConflicts).toEqual([]);
  });
});
