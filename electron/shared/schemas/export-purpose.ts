import { z } from 'zod';

/**
 * Why personal data leaves the database (PIPL: exports only deliberately). Every export of
 * borrower data asks for it and writes it into the export's audit row. The same rule and
 * message keys as the audit log's own export, so one dialog serves every screen.
 */
export const exportPurpose = z.string().trim().min(4, 'v.required').max(200, 'v.tooLong');

export const purposeInput = z.object({ purpose: exportPurpose });
export type PurposeInput = z.infer<typeof purposeInput>;
