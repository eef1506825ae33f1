/** Row types of migration 011 (snake_case as stored): officer names the import files gave. */

/** A name as files spell it (its key: NFKC, no spaces, upper case) → the staff member it means. */
export interface StaffNameAliasesTable {
  name_key: string;
  name: string;
  staff_id: number;
  created_by: number | null;
  created_at: string;
}

/**
 * Per borrower, the officer name the latest file gave and nobody on the staff list had, with the
 * borrower's assignment at that moment.
 */
export interface ImportOfficerNamesTable {
  borrower_id: number;
  name: string;
  name_key: string;
  officer_before: number | null;
  file_name: string;
  line: number;
  as_of: string;
  created_at: string;
}

export interface ImportsTables {
  staff_name_aliases: StaffNameAliasesTable;
  import_officer_names: ImportOfficerNamesTable;
}
