import type { Generated } from 'kysely';
import type { DocumentKind, DocumentLang } from '../../shared/schemas/notices';

/** Row types of migration 005 (snake_case as stored). */
export interface DocumentTemplatesTable {
  id: Generated<number>;
  kind: DocumentKind;
  lang: DocumentLang;
  version: number;
  body: string;
  created_by: number | null;
  created_at: string;
}

export interface ReferenceSequencesTable {
  branch_code: string;
  year: number;
  last_no: number;
}

export interface PrintLogTable {
  id: Generated<number>;
  printed_at: string;
  staff_id: number | null;
  kind: DocumentKind;
  lang: DocumentLang;
  /** What the document is about, e.g. "visit:12", "borrower:5", "route:2025-03-07". */
  subject: string;
  borrower_id: number | null;
  visit_id: number | null;
  template_version: number;
  reference_no: string;
  issue_date: string;
  facts_sha256: string;
  content_sha256: string;
  content_json: string;
  is_copy: number;
  original_id: number | null;
}

export interface NoticeSettingsTable {
  key: string;
  value: string;
}

export interface NoticesTables {
  document_templates: DocumentTemplatesTable;
  reference_sequences: ReferenceSequencesTable;
  print_log: PrintLogTable;
  notice_settings: NoticeSettingsTable;
}
