/** Row types of the audit feature's own tables (migration: audit subject keys). */
export interface AuditSubjectKeysTable {
  /** The borrower whose audit details this key seals; deleted when they are anonymised. */
  borrower_id: number;
  /** 32 random bytes (AES-256-GCM). */
  key: Buffer;
  created_at: string;
}

/**
 * PostgreSQL only: the head of the branch's audit chain, one row per branch, locked by the
 * transaction that appends (audit/chain.ts). SQLite has one writer and reads its last row.
 */
export interface AuditHeadTable {
  /** The id of the chain's last row (0 before the first). */
  last_id: number;
  /** That row's hash (the genesis hash before the first). */
  hash: string;
}

export interface AuditTables {
  audit_subject_keys: AuditSubjectKeysTable;
  audit_head: AuditHeadTable;
}
