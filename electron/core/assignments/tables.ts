import type { Generated } from 'kysely';

export type AssignmentSource = 'manual' | 'import';

/** Row type of migration 015 (snake_case as stored). */
export interface AssignmentsTable {
  id: Generated<number>;
  borrower_id: number;
  from_officer_id: number | null;
  to_officer_id: number;
  reason: string;
  source: AssignmentSource;
  staff_id: number | null;
  at: string;
}

export interface AssignmentsTables {
  assignments: AssignmentsTable;
}
