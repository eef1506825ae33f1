import { localIn } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import type { WaiverAgreementData } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import { borrowerOnDocument } from '../notices/assemble-common';
import { loadLetterhead } from '../notices/settings';
import { loadBranchCode } from '../records/receipts';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { loadWaiverRow } from './read';

/**
 * The waiver or settlement agreement (减免/和解协议) as a print document: only once both
 * approvals are in. Its number is the branch code, JM (减免) and the proposal's id.
 */
export async function waiverAgreementDocument(
  app: Visitdesk,
  id: number,
  lang: 'zh' | 'en',
): Promise<WaiverAgreementData> {
  const db = app.engine.db;
  const waiver = await loadWaiverRow(db, id, null);
  if (waiver.status !== 'approved') {
    throw new AppFailure('CONFLICT', `waiver ${id} is ${waiver.status}, not approved`, {
      fields: { _: 'e.waiver.notApproved' },
    });
  }
  const loan = await db
    .selectFrom('loans')
    .select(['loan_no', 'principal_fen', 'disbursed_on', 'maturity_on'])
    .where('id', '=', waiver.loanId)
    .executeTakeFirstOrThrow();
  const letterhead = await loadLetterhead(db);
  const { date, time } = localIn(await loadBranchTimeZone(db), app.now());
  return {
    kind: 'waiverAgreement',
    lang,
    referenceNo: `${await loadBranchCode(db)}-JM-${String(id).padStart(6, '0')}`,
    printedAt: `${date}T${time}`,
    letterhead,
    borrower: await borrowerOnDocument(db, waiver.borrowerId),
    loan: {
      loanNo: loan.loan_no,
      principalFen: loan.principal_fen,
      disbursedOn: loan.disbursed_on,
      maturityOn: loan.maturity_on,
    },
    waiver,
  };
}
