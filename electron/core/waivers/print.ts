import { localIn } from '../../shared/dates';
import { AppFailure } from '../../shared/result';
import type { WaiverAgreementData } from '../../shared/schemas/waivers';
import type { Visitdesk } from '../app/visitdesk';
import { statement } from '../db/query';
import { borrowerOnDocument } from '../notices/assemble-common';
import { loadLetterhead } from '../notices/settings';
import { branchCode } from '../records/receipts';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { waiverRow } from './read';

/**
 * The waiver or settlement agreement (减免/和解协议) as a print document: only once both
 * approvals are in. Its number is the branch code, JM (减免) and the proposal's id.
 */
export async function waiverAgreementDocument(
  app: Visitdesk,
  id: number,
  lang: 'zh' | 'en',
): Promise<WaiverAgreementData> {
  const waiver = waiverRow(app.db, id, null);
  if (waiver.status !== 'approved') {
    throw new AppFailure('CONFLICT', `waiver ${id} is ${waiver.status}, not approved`, {
      fields: { _: 'e.waiver.notApproved' },
    });
  }
  const loan = statement(
    app.db,
    'SELECT loan_no, principal_fen, disbursed_on, maturity_on FROM loans WHERE id = ?',
  ).get(waiver.loanId) as {
    loan_no: string;
    principal_fen: number;
    disbursed_on: string;
    maturity_on: string | null;
  };
  const letterhead = await loadLetterhead(app.engine.db);
  const { date, time } = localIn(await loadBranchTimeZone(app.engine.db), app.now());
  return {
    kind: 'waiverAgreement',
    lang,
    referenceNo: `${branchCode(app.db)}-JM-${String(id).padStart(6, '0')}`,
    printedAt: `${date}T${time}`,
    letterhead,
    borrower: await borrowerOnDocument(app.engine.db, waiver.borrowerId),
    loan: {
      loanNo: loan.loan_no,
      principalFen: loan.principal_fen,
      disbursedOn: loan.disbursed_on,
      maturityOn: loan.maturity_on,
    },
    waiver,
  };
}
