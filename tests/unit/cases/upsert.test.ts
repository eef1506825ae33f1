import { describe, expect, it } from 'vitest';
import {
  officerLookup,
  upsertBorrowerAndLoan,
  type CaseUpsertRow,
} from '../../../electron/core/cases/upsert';
import { AppFailure } from '../../../electron/shared/result';
import { addAccount, expectOk } from '../support/core';
import { casesCore, residentId } from './support';

const ID = residentId('1972-12-12', 91);

function row(over: Partial<CaseUpsertRow> = {}): CaseUpsertRow {
  return {
    name: '周桂兰',
    idNumber: ID,
    mobile: '13600001234',
    province: '浙江省',
    city: '丽水市',
    county: '青田县',
    township: '高湖镇',
    village: '高湖村',
    address: '5号',
    loanNo: 'QT-9',
    product: '农户联保贷款',
    principalFen: 3_000_000,
    disbursedOn: '2025-05-05',
    maturityOn: '2026-05-05',
    outstandingPrincipalFen: 1_000_000,
    overduePrincipalFen: 1_000_000,
    overdueInterestFen: 30_000,
    penaltyFen: 5_000,
    overdueSince: '2026-05-05',
    officer: null,
    ...over,
  };
}

describe('the importer upsert', () => {
  it('inserts, then updates by resident ID and loan number, with a snapshot per as-of date', async () => {
    const core = await casesCore();
    const db = core.app.db;
    const up = (r: CaseUpsertRow, asOf: string) =>
      db.transaction(() => upsertBorrowerAndLoan(db, r, asOf, null))();
    const first = up(row(), '2026-10-31');
    expect(first).toMatchObject({ borrower: 'inserted', loan: 'inserted', paymentFen: 0 });
    const second = up(
      row({
        loanNo: 'QT-10',
        overdueSince: null,
        overduePrincipalFen: 0,
        overdueInterestFen: 0,
        penaltyFen: 0,
      }),
      '2026-10-31',
    );
    expect(second).toMatchObject({
      borrowerId: first.borrowerId,
      borrower: 'unchanged',
      loan: 'inserted',
    });
    // A sparse later file: blank cells keep what is known; a new mobile keeps the old one.
    const third = up(
      row({ mobile: '13900009999', village: '', address: '', outstandingPrincipalFen: 900_000 }),
      '2026-11-28',
    );
    expect(third).toMatchObject({ borrower: 'updated', loan: 'updated', paymentFen: 100_000 });
    const b = db
      .prepare(
        'SELECT mobile, other_phones, village, address_detail, total_overdue_fen, overdue_since FROM borrowers',
      )
      .get();
    expect(b).toEqual({
      mobile: '13900009999',
      other_phones: '["13600001234"]',
      village: '高湖村',
      address_detail: '5号',
      total_overdue_fen: 1_035_000,
      overdue_since: '2026-05-05',
    });
    const snapshots = db
      .prepare('SELECT as_of, dpd, bucket FROM loan_snapshots WHERE loan_id = ? ORDER BY as_of')
      .all(first.loanId);
    expect(snapshots).toEqual([
      { as_of: '2026-10-31', dpd: 179, bucket: 'M4+' },
      { as_of: '2026-11-28', dpd: 207, bucket: 'M4+' },
    ]);
    // Re-importing the same file replaces that date's snapshot rather than adding one.
    up(row({ outstandingPrincipalFen: 900_000 }), '2026-11-28');
    // QT-9 on two dates and QT-10 on one.
    expect(db.prepare('SELECT count(*) AS n FROM loan_snapshots').get()).toEqual({ n: 3 });
  });

  it('does not roll current amounts back for an older file, but keeps its snapshot', async () => {
    const core = await casesCore();
    const db = core.app.db;
    const up = (r: CaseUpsertRow, asOf: string) =>
      db.transaction(() => upsertBorrowerAndLoan(db, r, asOf, null))();
    up(row(), '2026-11-28');
    const old = up(
      row({
        outstandingPrincipalFen: 2_000_000,
        overduePrincipalFen: 0,
        overdueInterestFen: 0,
        penaltyFen: 0,
        overdueSince: null,
      }),
      '2026-09-30',
    );
    expect(old.loan).toBe('unchanged');
    expect(db.prepare('SELECT outstanding_principal_fen AS o, as_of FROM loans').get()).toEqual({
      o: 1_000_000,
      as_of: '2026-11-28',
    });
    expect(
      db.prepare("SELECT bucket FROM loan_snapshots WHERE as_of = '2026-09-30'").get(),
    ).toEqual({ bucket: 'M0' });
  });

  it('refuses a loan number that belongs to another borrower', async () => {
    const core = await casesCore();
    const db = core.app.db;
    db.transaction(() => upsertBorrowerAndLoan(db, row(), '2026-11-28', null))();
    let error: unknown;
    try {
      db.transaction(() =>
        upsertBorrowerAndLoan(
          db,
          row({ idNumber: residentId('1980-01-01', 11), name: '吴明' }),
          '2026-11-28',
          null,
        ),
      )();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('CONFLICT');
    // The transaction rolled back: the second borrower was not left behind.
    expect(db.prepare('SELECT count(*) AS n FROM borrowers').get()).toEqual({ n: 1 });
  });

  it('assigns the officer by staff number or name, and reports an unknown one', async () => {
    const core = await casesCore();
    const officer = addAccount(core, {
      username: 'lin',
      role: 'officer',
      name: '林晓峰',
      staffNo: 'D201',
    });
    const db = core.app.db;
    const officers = officerLookup(db);
    const byNo = db.transaction(() =>
      upsertBorrowerAndLoan(db, row({ officer: 'D201' }), '2026-11-28', null, { officers }),
    )();
    expect(byNo.officerUnknown).toBe(false);
    const byName = db.transaction(() =>
      upsertBorrowerAndLoan(
        db,
        row({ idNumber: residentId('1980-01-01', 11), loanNo: 'X2', officer: '林晓峰' }),
        '2026-11-28',
        null,
        { officers },
      ),
    )();
    const unknown = db.transaction(() =>
      upsertBorrowerAndLoan(db, row({ officer: '不存在' }), '2026-11-28', null, { officers }),
    )();
    expect(unknown.officerUnknown).toBe(true);
    const list = expectOk(await core.invoke('cases:list', { officer: officer.staffId }));
    expect(list.rows.map((r) => r.id).sort()).toEqual([byNo.borrowerId, byName.borrowerId].sort());
  });
});
