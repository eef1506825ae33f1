import type { Generated } from 'kysely';

/** Row types of migration 006 (snake_case as stored). */
export interface MonthClosesTable {
  id: Generated<number>;
  month: string;
  figures_json: string;
  figures_sha256: string;
  audit_head: string;
  closed_by: number;
  closed_at: string;
  reopened_by: number | null;
  reopened_at: string | null;
  reopen_reason: string | null;
}

export interface ReportsTables {
  month_closes: MonthClosesTable;
}
