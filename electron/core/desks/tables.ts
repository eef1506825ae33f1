/** Row types of migration 022 (snake_case as stored). */
export interface DesksTable {
  id: string;
  name: string;
  secret_hash: string;
  enrolled_at: string;
  /** The manager whose enrolment code the desk used. */
  code_by: number;
  revoked_at: string | null;
  revoked_by: number | null;
}

export interface EnrolmentCodesTable {
  code_hash: string;
  created_at: string;
  created_by: number;
  expires_at: string;
  /** The desk that used the code; null while it is unused. */
  desk_id: string | null;
}

export interface DesksTables {
  desks: DesksTable;
  enrolment_codes: EnrolmentCodesTable;
}
