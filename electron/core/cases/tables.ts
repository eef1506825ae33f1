import type { Generated } from 'kysely';
import { z } from 'zod';
import {
  hardshipKinds,
  type CaseExitKind,
  type HouseholdMember,
} from '../../shared/schemas/case-fields';
import { jsonColumn, stringListColumn, type Flag, type JsonText } from '../db/columns';

/** Row types of migration 002 (snake_case as stored). */
export type CaseStatus = 'active' | 'disputed' | 'on_hold' | 'closed';
export type LoanStatus = 'active' | 'settled' | 'written_off';
export type BucketCode = 'M0' | 'M1' | 'M2' | 'M3' | 'M4+';

export interface BorrowersTable {
  id: Generated<number>;
  name: string;
  name_sort: Generated<string>;
  id_number: string;
  birth_date: string;
  sex: 'M' | 'F';
  mobile: string | null;
  /** JSON array of strings. */
  other_phones: Generated<JsonText>;
  province: Generated<string>;
  province_code: string | null;
  city: Generated<string>;
  city_code: string | null;
  county: Generated<string>;
  county_code: string | null;
  township: Generated<string>;
  township_code: string | null;
  village: Generated<string>;
  village_code: string | null;
  address_detail: Generated<string>;
  occupation: Generated<string>;
  household_size: number | null;
  dependents: number | null;
  /** JSON array of { name, relation, age?, note? }. */
  household_members: Generated<JsonText>;
  preferred_contact_times: Generated<string>;
  vulnerable_elderly: Generated<Flag>;
  vulnerable_ill: Generated<Flag>;
  vulnerable_disabled: Generated<Flag>;
  vulnerable_disaster: Generated<Flag>;
  vulnerability_notes: Generated<string>;
  /** Generated column: any vulnerability flag. */
  is_vulnerable: Generated<Flag>;
  assigned_officer_id: number | null;
  status: Generated<CaseStatus>;
  closed_at: string | null;
  overdue_since: string | null;
  /** Generated column: overdue_since, or '9999-12-31' when current. */
  dpd_sort: Generated<string>;
  total_overdue_fen: Generated<number>;
  outstanding_fen: Generated<number>;
  last_contact_at: string | null;
  last_visit_at: string | null;
  broken_promises: Generated<number>;
  created_at: string;
  updated_at: string;
  /** Worst five-tier classification (1–5) of the active loans; migration 018. */
  classification: Generated<number | null>;
}

export type ConsentKind =
  'contact_third_party' | 'home_visit' | 'data_processing' | 'contact_hours';

export interface ConsentsTable {
  id: Generated<number>;
  borrower_id: number;
  contact_id: number | null;
  kind: ConsentKind;
  granted: Flag;
  recorded_at: string;
  recorded_by: number | null;
  evidence: Generated<string>;
  note: Generated<string>;
}

export type ContactRelation =
  | 'spouse'
  | 'parent'
  | 'child'
  | 'sibling'
  | 'relative'
  | 'guarantor'
  | 'friend'
  | 'colleague'
  | 'village_cadre'
  | 'other';

export interface ContactsTable {
  id: Generated<number>;
  borrower_id: number;
  name: string;
  relation: ContactRelation;
  phone: string | null;
  is_guarantor: Generated<Flag>;
  consent_to_contact: Generated<Flag>;
  consent_recorded_at: string | null;
  note: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface LoansTable {
  id: Generated<number>;
  loan_no: string;
  borrower_id: number;
  product: Generated<string>;
  principal_fen: number;
  disbursed_on: string;
  maturity_on: string | null;
  outstanding_principal_fen: Generated<number>;
  overdue_principal_fen: Generated<number>;
  overdue_interest_fen: Generated<number>;
  penalty_fen: Generated<number>;
  overdue_since: string | null;
  status: Generated<LoanStatus>;
  /** Date of the import that last wrote the amounts. */
  as_of: string | null;
  created_at: string;
  updated_at: string;
  /** Five-tier classification 1–5 as head office's files last gave it; migration 018. */
  classification: Generated<number | null>;
}

export interface LoanSnapshotsTable {
  loan_id: number;
  as_of: string;
  outstanding_principal_fen: number;
  overdue_principal_fen: number;
  overdue_interest_fen: number;
  penalty_fen: number;
  overdue_since: string | null;
  dpd: number;
  bucket: BucketCode;
  created_at: string;
  /** The classification (1–5) on the snapshot's date; migration 018. */
  classification: Generated<number | null>;
}

export interface PaymentsTable {
  id: Generated<number>;
  loan_id: number;
  borrower_id: number;
  paid_on: string;
  amount_fen: number;
  source: 'import' | 'visit';
  method: Generated<string>;
  receipt_no: string | null;
  reference: Generated<string>;
  recorded_by: number | null;
  created_at: string;
  /**
   * When only an interval is known, the first day the payment may have been made; `paid_on` is
   * then the file's date. Null: `paid_on` is the day itself (migration 012).
   */
  paid_from: string | null;
}

export type ContactKind = 'call' | 'sms' | 'visit' | 'letter';
export type ContactOutcome =
  | 'reached'
  | 'no_answer'
  | 'wrong_number'
  | 'refused'
  | 'promised'
  | 'paid'
  | 'disputed'
  | 'left_message'
  | 'delivered'
  | 'other';

export interface ContactEventsTable {
  id: Generated<number>;
  borrower_id: number;
  at: string;
  kind: ContactKind;
  direction: 'outbound' | 'inbound';
  staff_id: number | null;
  contact_id: number | null;
  outcome: ContactOutcome;
  note: Generated<string>;
  created_at: string;
}

export interface AssessmentsTable {
  id: Generated<number>;
  borrower_id: number;
  assessed_on: string;
  staff_id: number | null;
  income: Generated<string>;
  expenses: Generated<string>;
  assets: Generated<string>;
  livelihood: Generated<string>;
  monthly_income_fen: number | null;
  monthly_expenses_fen: number | null;
  household_size: number | null;
  capacity_fen: number | null;
  /** JSON array of hardship codes. */
  hardship: Generated<JsonText>;
  note: Generated<string>;
  created_at: string;
}

export interface NotesTable {
  id: Generated<number>;
  borrower_id: number;
  at: string;
  staff_id: number | null;
  text: string;
}

/** The FTS5 search index; only its rowid (the borrower id) is ever read back. */
export interface BorrowerSearchTable {
  rowid: number;
  name: string;
  pinyin: string;
  place: string;
  ids: string;
  phones: string;
  loans: string;
  tails: string;
}

/** Migration 017: a case that left doorstep collection, and its undoing if it was undone. */
export interface CaseExitsTable {
  id: Generated<number>;
  borrower_id: number;
  kind: CaseExitKind;
  exit_on: string;
  reference: string;
  note: Generated<string>;
  previous_status: 'active' | 'disputed' | 'on_hold';
  set_by: number;
  set_at: string;
  reopened_at: string | null;
  reopened_by: number | null;
  reopen_reason: string | null;
}

export interface CasesTables {
  case_exits: CaseExitsTable;
  borrowers: BorrowersTable;
  consents: ConsentsTable;
  contacts: ContactsTable;
  loans: LoansTable;
  loan_snapshots: LoanSnapshotsTable;
  payments: PaymentsTable;
  contact_events: ContactEventsTable;
  assessments: AssessmentsTable;
  notes: NotesTable;
  borrower_search: BorrowerSearchTable;
}

/** `borrowers.other_phones`: up to five phone numbers besides the mobile. */
export const otherPhonesColumn = stringListColumn('borrowers.other_phones');

/** `borrowers.household_members`, as the case form stored them (defaults applied). */
export const householdMembersColumn = jsonColumn<HouseholdMember[]>(
  'borrowers.household_members',
  z.array(
    z.object({
      name: z.string(),
      relation: z.string(),
      age: z.number().nullable(),
      note: z.string(),
    }),
  ),
);

/** `assessments.hardship`: the hardship codes ticked. */
export const hardshipColumn = jsonColumn('assessments.hardship', z.array(z.enum(hardshipKinds)));
