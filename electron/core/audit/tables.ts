/** Row types of the audit feature's own tables (migration: audit subject keys). */
export interface AuditSubjectKeysTable {
  /** The borrower whose audit details this key seals; deleted when they are anonymised. */
  borrower_id: number;
  /** 32 random bytes (AES-256-GCM). */
  key: Buffer;
  created_at: string;
}

export interface AuditTables {
  audit_subject_keys: AuditSubjectKeysTable;
}
