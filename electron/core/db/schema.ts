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
  prev_hash: string;
  hash: string;
}

/** Foundation tables; each feature adds its own interface and DB extends them all. */
export interface FoundationTables {
  meta: MetaTable;
  branch: BranchTable;
  settings: SettingsTable;
  staff: StaffTable;
  audit_log: AuditLogTable;
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
  AuditTables;
