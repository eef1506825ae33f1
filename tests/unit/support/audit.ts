import { AuditKeyring } from '../../../electron/core/audit/seal';
import type { Sqlite } from '../../../electron/core/db/sqlite';

/**
 * The readable JSON text of stored audit details, for tests that check what a row says; null
 * when there are none or they were shredded. The app reads them through AuditKeyring too.
 */
export function openAuditText(db: Sqlite, text: string | null): string | null {
  if (text === null) return null;
  const opened = new AuditKeyring(db).open(text);
  return opened.state === 'anonymised' ? null : opened.text;
}
