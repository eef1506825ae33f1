import type { Generated } from 'kysely';
import { z } from 'zod';
import { ruleCodes, type CertificateKind } from '../../shared/compliance';
import { jsonColumn, type Flag, type JsonText } from '../db/columns';
import type {
  NoticeStatus,
  VisitPlace,
  VisitPurpose,
  VisitStatus,
} from '../../shared/schemas/planning';

/** Row types of migration 003 (snake_case as stored). */
export interface StaffCertificatesTable {
  id: Generated<number>;
  staff_id: number;
  kind: CertificateKind;
  number: string;
  issued_on: string | null;
  expires_on: string;
  created_at: string;
}

export interface StaffLeaveTable {
  staff_id: number;
  date: string;
  reason: Generated<string>;
  created_at: string;
}

export interface BranchHolidaysTable {
  date: string;
  kind: 'holiday' | 'workday';
  note: Generated<string>;
  created_by: number | null;
  created_at: string;
}

export interface VisitsTable {
  id: Generated<number>;
  borrower_id: number;
  date: string;
  start_time: string;
  end_time: string;
  purpose: VisitPurpose;
  priority: Generated<'high' | 'normal' | 'low'>;
  township: Generated<string>;
  village: Generated<string>;
  status: Generated<VisitStatus>;
  status_note: Generated<string>;
  notice_status: Generated<NoticeStatus>;
  notice_at: string | null;
  borrower_requested: Generated<Flag>;
  planned_by: number;
  planned_at: string;
  override_reason: string | null;
  /** JSON array of the rule codes the override covered. */
  override_codes: JsonText | null;
  /** Who granted the override; null while it waits for a second manager (migration 010). */
  overridden_by: number | null;
  /** Who wrote the override's reason (migration 010). */
  override_proposed_by: number | null;
  /** 1 when the proposer granted it, being the branch's only active manager (migration 010). */
  override_self_approved: Generated<Flag>;
  needs_approval: Generated<Flag>;
  approval_by: number | null;
  approved_at: string | null;
  rescheduled_from: number | null;
  route_order: number | null;
  note: Generated<string>;
  updated_at: string;
  /** Where the visit happens (migration 013). */
  place: Generated<VisitPlace>;
  place_note: Generated<string>;
  /** 1: an employer or neighbour would learn of the debt there (needs approval). */
  disclosure_risk: Generated<Flag>;
  /** Why a vulnerable borrower's visit is not about a repayment arrangement. */
  purpose_reason: Generated<string>;
  /** Who asked for the manager's approval (migration 013). */
  approval_requested_by: number | null;
  /** 1 when the one who asked approved it, being the branch's only manager (migration 013). */
  approval_self_approved: Generated<Flag>;
}

/** A manager's written decision that the ID's birth date alone does not make them vulnerable. */
export interface ElderlyClearancesTable {
  borrower_id: number;
  reason: string;
  cleared_by: number;
  cleared_at: string;
}

export interface VisitStaffTable {
  visit_id: number;
  staff_id: number;
}

export interface VisitLoansTable {
  visit_id: number;
  loan_id: number;
}

export interface MonthlyTargetsTable {
  id: Generated<number>;
  month: string;
  staff_id: number | null;
  visits_target: number;
  amount_target_fen: number;
  updated_by: number | null;
  updated_at: string;
}

export interface PlanningTables {
  staff_certificates: StaffCertificatesTable;
  staff_leave: StaffLeaveTable;
  branch_holidays: BranchHolidaysTable;
  visits: VisitsTable;
  visit_staff: VisitStaffTable;
  visit_loans: VisitLoansTable;
  monthly_targets: MonthlyTargetsTable;
  elderly_clearances: ElderlyClearancesTable;
}

/** `visits.override_codes`: the rule codes an override covered. */
export const overrideCodesColumn = jsonColumn('visits.override_codes', z.array(z.enum(ruleCodes)));
