import type { Generated } from 'kysely';
import type {
  ComplainantKind,
  ComplaintChannel,
  ComplaintOutcome,
} from '../../shared/schemas/complaints';

/** Row types of migration 014 (snake_case as stored). */
export interface ComplaintsTable {
  id: Generated<number>;
  borrower_id: number;
  received_on: string;
  complainant: ComplainantKind;
  complainant_name: Generated<string>;
  channel: ComplaintChannel;
  visit_id: number | null;
  summary: string;
  action_taken: Generated<string>;
  closed_on: string | null;
  outcome: ComplaintOutcome | null;
  outcome_note: Generated<string>;
  recorded_by: number | null;
  recorded_at: string;
  closed_by: number | null;
  updated_at: string;
}

export interface ComplaintStaffTable {
  complaint_id: number;
  staff_id: number;
}

export interface ComplaintsTables {
  complaints: ComplaintsTable;
  complaint_staff: ComplaintStaffTable;
}
