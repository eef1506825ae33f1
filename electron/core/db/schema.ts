import type { DesksTables } from '../desks/tables';
import type { Generated } from 'kysely';
import type { Flag } from './columns';
import type { AssignmentsTables } from '../assignments/tables';
import type { AuditTables } from '../audit/tables';
import type { CasesTables } from '../cases/tables';
import type { ComplaintsTables } from '../complaints/tables';
import type { ImportsTables } from '../imports/tables';
import type { PlanningTables } from '../planning/tables';
import type { RecordsTables } from '../records/tables';
import type { NoticesTables } from '../notices/tables';
import type { ReportsTables } from '../reports/tables';
import type { SecondApproverRole, WaiverRow, WaiverStatus } from '../../shared/schemas/waivers';

/** Row types for Kysely, one interface per table (snake_case as stored). */
export interface MetaTable {
  key: string;
  value: string;
}

export interface BranchTable {
  id: number;
  name: string;
  code: string;
  address: string;
  phone: string;
  complaint_hotline: string;
  time_zone: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface StaffTable {
  id: Generated<number>;
  staff_no: string;
  name: string;
  role: 'manager' | 'officer' | 'clerk' | 'auditor';
  phone: Generated<string>;
  active: Generated<Flag>;
  username: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  staff_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  success: Flag;
  before: string | null;
  after: string | null;
  /** The borrower a row is about (its details are then sealed); not part of the hash. */
  subject_id: number | null;
  /** The branch server's desk the row was written for (migration 022); hashed when set. */
  desk_id: Generated<string | null>;
  prev_hash: string;
  hash: string;
}

/**
 * Waivers and settlements (migration 019): one proposal on one loan, the amounts owed when it
 * was made (fen), two approvals and how it ended. Dates (`*_on`, `pay_by`) are `YYYY-MM-DD`,
 * times ISO, on both engines.
 */
export interface WaiversTable {
  id: Generated<number>;
  borrower_id: number;
  loan_id: number;
  visit_record_id: number | null;
  kind: WaiverRow['kind'];
  principal_owed_fen: number;
  interest_owed_fen: number;
  penalty_owed_fen: number;
  waived_fen: number;
  /** A settlement's: what the borrower pays, by `pay_by`. */
  settle_pay_fen: number | null;
  pay_by: string | null;
  reason: string;
  status: Generated<WaiverStatus>;
  proposed_by: number;
  proposed_at: string;
  proposed_on: string;
  approval1_by: number | null;
  approval1_role: SecondApproverRole | null;
  approval1_at: string | null;
  approval1_note: Generated<string>;
  approval2_by: number | null;
  approval2_role: SecondApproverRole | null;
  approval2_at: string | null;
  approval2_note: Generated<string>;
  approved_on: string | null;
  closed_by: number | null;
  closed_at: string | null;
  close_reason: Generated<string>;
}

/** Foundation tables; each feature adds its own interface and DB extends them all. */
export interface FoundationTables {
  meta: MetaTable;
  branch: BranchTable;
  settings: SettingsTable;
  staff: StaffTable;
  audit_log: AuditLogTable;
}

/** The waivers feature's table; its row type lives here until electron/core/waivers has its own. */
export interface WaiversTables {
  waivers: WaiversTable;
}

/**
 * The last receipt number issued per branch code and year, moved on by one under the
 * payment's write (migration 020, records/receipts.ts).
 */
export interface ReceiptSequencesTable {
  branch_code: string;
  year: number;
  last_seq: number;
}

export interface ReceiptSequencesTables {
  receipt_sequences: ReceiptSequencesTable;
}

/** Every table; features add theirs with `&`. */
export type DB = FoundationTables &
  CasesTables &
  PlanningTables &
  NoticesTables &
  RecordsTables &
  ReportsTables &
  ComplaintsTables &
  AssignmentsTables &
  ImportsTables &
  AuditTables &
  WaiversTables &
  ReceiptSequencesTables &
  DesksTables;
