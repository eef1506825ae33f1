import { describe, expect, it } from 'vitest';
import { addAccount, expectOk, signedInCore } from '../support/core';
import { b64, caseRow, csvText, utf8, type CaseCells } from '../imports/fixtures';

// 10:00 on Monday 2 March 2026 in Shanghai.
const NOW = '2026-03-02T02:00:00Z';

/**
 * 借款人1–3 come in with 李明; the manager moves 借款人1 and 借款人3 to 赵强 by hand. The preview
 * of the next file must name the rows the run will report, before anything is written.
 */
async function branchWithManualMoves() {
  const core = await signedInCore({ now: () => new Date(NOW) });
  const officer = (username: string, name: string, staffNo: string) =>
    addAccount(core, { username, role: 'officer', name, staffNo });
  officer('li.ming', '李明', 'C101');
  const zhao = officer('zhao.qiang', '赵强', 'C102');
  officer('wang.fang', '王芳', 'C103');
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
  const id = (n: number) =>
    core.app.db
      .prepare('SELECT id FROM borrowers WHERE name = ?')
      .pluck()
      .get(`借款人${n}`) as number;
  expectOk(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [id(1), id(3)],
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
  const assignments = () =>
    core.app.db.prepare('SELECT count(*) FROM assignments').pluck().get() as number;
  return { core, id, next, assignments };
}

describe('the import preview foresees officer conflicts', () => {
  it('branch wins: every row against a manual assignment, each row listed, nothing written', async () => {
    const b = await branchWithManualMoves();
    const before = b.assignments();
    const preview = expectOk(await b.core.invoke('imports:preview', b.next));
    expect(preview.officerRule).toBe('branch');
    expect(preview.officerConflictsTotal).toBe(3);
    expect(preview.officerConflicts).toEqual([
      {
        line: 2,
        borrowerId: b.id(1),
        borrowerName: '借款人1',
        fileOfficer: '李明',
        currentOfficer: '赵强',
        kept: 'branch',
      },
      {
        line: 3,
        borrowerId: b.id(1),
        borrowerName: '借款人1',
        fileOfficer: '王芳',
        currentOfficer: '赵强',
        kept: 'branch',
      },
      {
        line: 5,
        borrowerId: b.id(3),
        borrowerName: '借款人3',
        fileOfficer: '王芳',
        currentOfficer: '赵强',
        kept: 'branch',
      },
    ]);
    expect(b.assignments()).toBe(before);
    // The run reports what the preview foresaw.
    const run = expectOk(
      await b.core.invoke('imports:run', { ...b.next, mode: 'all-or-nothing', asOf: '2026-03-02' }),
    );
    expect(run.officerConflictsTotal).toBe(3);
    expect(run.officerConflicts).toEqual(preview.officerConflicts);
  });

  it('head office wins: a borrower the file moved back conflicts once, not on its next row', async () => {
    const b = await branchWithManualMoves();
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
    const b = await branchWithManualMoves();
    const bare = {
      fileName: 'bare.csv',
      contentBase64: b64(utf8(csvText([caseRow(1), caseRow(3)]))),
    };
    const preview = expectOk(await b.core.invoke('imports:preview', bare));
    expect(preview.officerConflictsTotal).toBe(0);
    expect(preview.officerConflicts).toEqual([]);
  });
});
