import type { Generated } from 'kysely';
import { z } from 'zod';
import { jsonColumn, type Flag, type JsonText } from '../db/columns';
import type { RecordRuleCode } from '../../shared/compliance';
import type { VisitPlace } from '../../shared/schemas/planning';
import type {
  InstalmentStatus,
  MetWhom,
  OutcomeCode,
  PlanStatus,
  PromiseStatus,
} from '../../shared/schemas/records';

/** Row types of migration 004 (snake_case as stored). */
export interface VisitRecordsTable {
  id: Generated<number>;
  visit_id: number;
  borrower_id: number;
  /** The original record this one corrects; null on an original. */
  amends: number | null;
  amend_reason: string | null;
  actual_date: string;
  actual_start: string;
  actual_end: string;
  met: MetWhom;
  outcome: OutcomeCode;
  borrower_words: Generated<string>;
  assessment_id: number | null;
  staff_cards_shown: Flag;
  rights_explained: Flag;
  no_third_party_disclosure: Flag;
  recorded_on_media: Flag;
  recording_ref: string;
  next_action: Generated<string>;
  follow_up_on: string | null;
  recorded_by: number;
  recorded_at: string;
  /** Where the visit took place (migration 013). */
  place: Generated<VisitPlace>;
  place_note: Generated<string>;
}

/** The rules a record broke when it was saved (migration 013); never changed. */
export interface VisitRecordViolationsTable {
  record_id: number;
  seq: number;
  code: RecordRuleCode;
  severity: 'block' | 'legal';
  /** JSON object of the message's parameters. */
  params: Generated<JsonText>;
}

export interface VisitRecordStaffTable {
  record_id: number;
  staff_id: number;
}

export interface PromisesTable {
  id: Generated<number>;
  borrower_id: number;
  loan_id: number | null;
  visit_record_id: number;
  promised_on: string;
  amount_fen: number;
  due_on: string;
  status: Generated<PromiseStatus>;
  evaluated_at: string | null;
  paid_fen: Generated<number>;
  created_at: string;
}

export interface ReceiptsTable {
  id: Generated<number>;
  receipt_no: string;
  branch_code: string;
  year: number;
  seq: number;
  payment_id: number;
  visit_record_id: number;
  /** Local date and time of payment, YYYY-MM-DDTHH:MM in the branch's time zone. */
  paid_at: string;
  issued_by: number;
  issued_at: string;
}

export interface RepaymentPlansTable {
  id: Generated<number>;
  borrower_id: number;
  loan_id: number | null;
  visit_record_id: number;
  total_fen: number;
  overdue_fen: number;
  shortfall_reason: Generated<string>;
  status: Generated<PlanStatus>;
  proposed_by: number;
  proposed_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: Generated<string>;
  evaluated_at: string | null;
  /** 1 when the proposer approved it, being the branch's only active approver (migration 010). */
  self_approved: Generated<Flag>;
}

export interface PlanInstalmentsTable {
  plan_id: number;
  seq: number;
  due_on: string;
  amount_fen: number;
  status: Generated<InstalmentStatus>;
  paid_fen: Generated<number>;
  evaluated_at: string | null;
}

export interface FollowUpsTable {
  id: Generated<number>;
  borrower_id: number;
  visit_record_id: number;
  staff_id: number;
  due_on: string;
  action: Generated<string>;
  status: Generated<'open' | 'done' | 'replaced'>;
  closed_at: string | null;
  created_at: string;
}

/** A repayment the bank's file showed between two imports (migration 012). */
export interface FileRepaymentsTable {
  id: Generated<number>;
  loan_id: number;
  as_of: string;
  previous_as_of: string;
  reduction_fen: number;
  paid_on: string | null;
  payment_id: number | null;
  created_at: string;
}

/** Visit cash a file repayment confirmed, and how much of it (migration 012). */
export interface PaymentConfirmationsTable {
  file_repayment_id: number;
  visit_payment_id: number;
  amount_fen: number;
  created_at: string;
}

/** The payments the latest evaluation counted for a promise (migration 012). */
export interface PromisePaymentsTable {
  promise_id: number;
  payment_id: number;
  amount_fen: number;
}

/** One hand-in of visit cash at the branch (缴款, migration 016). */
export interface CashHandinsTable {
  id: Generated<number>;
  officer_id: number;
  /** The local date the receipts it covers were issued for. */
  day: string;
  expected_fen: number;
  counted_fen: number;
  explanation: Generated<string>;
  /** The branch's date when the hand-in was recorded. */
  handed_in_on: string;
  recorded_by: number;
  recorded_at: string;
  signed_off_by: number | null;
  signed_off_at: string | null;
  sign_off_note: Generated<string>;
}

/** The receipts a hand-in covers; a receipt is handed in once (migration 016). */
export interface CashHandinReceiptsTable {
  handin_id: number;
  receipt_id: number;
  amount_fen: number;
}

export interface RecordsTables {
  visit_records: VisitRecordsTable;
  visit_record_staff: VisitRecordStaffTable;
  visit_record_violations: VisitRecordViolationsTable;
  promises: PromisesTable;
  receipts: ReceiptsTable;
  repayment_plans: RepaymentPlansTable;
  plan_instalments: PlanInstalmentsTable;
  follow_ups: FollowUpsTable;
  file_repayments: FileRepaymentsTable;
  payment_confirmations: PaymentConfirmationsTable;
  promise_payments: PromisePaymentsTable;
  cash_handins: CashHandinsTable;
  cash_handin_receipts: CashHandinReceiptsTable;
}

/** `visit_record_violations.params`: the message's parameters. */
export const violationParamsColumn = jsonColumn(
  'visit_record_violations.params',
  z.record(z.string(), z.union([z.string(), z.number()])),
);
