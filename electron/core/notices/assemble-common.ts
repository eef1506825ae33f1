import { daysPastDue } from '../../shared/delinquency';
import { maskResidentId } from '../../shared/mask';
import { AppFailure } from '../../shared/result';
import type {
  BorrowerOnDocument,
  DocumentData,
  DocumentKind,
  DocumentLang,
  LoanOnDocument,
  NoticeSettings,
} from '../../shared/schemas/notices';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { BranchForPrint } from './settings';
import { loadCurrentTemplate } from './templates';

/**
 * What every assembly needs: where to read (the engine's `db` for a preview, the print's write
 * `tx`), the language, the date and the branch.
 */
export interface AssembleContext {
  db: Kysely<DB>;
  lang: DocumentLang;
  /** The branch's date today: a document's date unless it records an earlier event. */
  issueDate: string;
  /** The instant of assembly (the core's clock). */
  now: Date;
  branch: BranchForPrint;
  settings: NoticeSettings;
}

/** A document and what it is about, for the print log. */
export interface Assembled {
  doc: DocumentData;
  subject: string;
  borrowerId: number | null;
  visitId: number | null;
  /**
   * A receipt or an agreement is issued once: every later print of the same subject is a copy
   * (副本) with the first print's number, even after the wording or the letterhead changed.
   * Letters and notices are new originals when their facts change.
   */
  oncePerSubject?: boolean;
}

/** The fields every document shares; the number is allocated only when it is printed. */
export async function documentCommon(ctx: AssembleContext, kind: DocumentKind) {
  const template = await loadCurrentTemplate(ctx.db, kind, ctx.lang);
  return {
    lang: ctx.lang,
    referenceNo: '',
    issueDate: ctx.issueDate,
    isCopy: false,
    letterhead: ctx.branch.letterhead,
    template: { version: template.version, body: template.body },
  };
}

/** The borrower as paper shows them: name, masked ID, one-line address. */
export async function borrowerOnDocument(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<BorrowerOnDocument> {
  const row = await db
    .selectFrom('borrowers')
    .select([
      'name',
      'id_number',
      'province',
      'city',
      'county',
      'township',
      'village',
      'address_detail',
    ])
    .where('id', '=', borrowerId)
    .executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', `no borrower ${borrowerId}`);
  return {
    name: row.name,
    maskedId: maskResidentId(row.id_number),
    address: [row.province, row.city, row.county, row.township, row.village, row.address_detail]
      .filter(Boolean)
      .join(''),
  };
}

/**
 * The loan columns a document needs (select them with `l` as the loans alias). Loans are listed
 * oldest overdue first, a loan not overdue (no date) before them: SQLite's order for a missing
 * value, said so that PostgreSQL (which puts it last) lists them alike.
 */
export const loanColumns = [
  'l.loan_no',
  'l.principal_fen',
  'l.outstanding_principal_fen',
  'l.overdue_principal_fen',
  'l.overdue_interest_fen',
  'l.penalty_fen',
  'l.overdue_since',
] as const;

/** Overdue = overdue principal + interest + contractual penalty interest. */
export function loanOnDocument(
  row: {
    loan_no: string;
    principal_fen: number;
    outstanding_principal_fen: number;
    overdue_principal_fen: number;
    overdue_interest_fen: number;
    penalty_fen: number;
    overdue_since: string | null;
  },
  issueDate: string,
): LoanOnDocument {
  return {
    loanNo: row.loan_no,
    principalFen: row.principal_fen,
    outstandingFen: row.outstanding_principal_fen,
    overdueFen: row.overdue_principal_fen + row.overdue_interest_fen + row.penalty_fen,
    overduePrincipalFen: row.overdue_principal_fen,
    overdueInterestFen: row.overdue_interest_fen,
    penaltyFen: row.penalty_fen,
    overdueSince: row.overdue_since,
    daysPastDue: daysPastDue(row.overdue_since, issueDate),
  };
}

/**
 * The designated repayment channels a borrower letter lists. Until the manager has listed them
 * in Settings, the branch's own counter stands in: a letter that says "repay only through our
 * designated channels:" must never be followed by nothing.
 */
export function repaymentChannelsFor(ctx: AssembleContext): string[] {
  if (ctx.settings.repaymentChannels.length) return ctx.settings.repaymentChannels;
  const { name, address } = ctx.branch.letterhead;
  if (ctx.lang === 'zh') return [`${name}营业网点柜台${address ? `（${address}）` : ''}`];
  return [`The counter of ${name}${address ? `, ${address}` : ''}`];
}
