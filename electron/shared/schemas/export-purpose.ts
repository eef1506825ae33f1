import { z } from 'zod';
import {
  characterCount,
  PURPOSE_MAX_CHARACTERS,
  PURPOSE_MIN_CHARACTERS,
} from './export-purpose-text';

/**
 * Why personal data leaves the database (PIPL: exports only deliberately). Every export of
 * borrower data asks for it and writes it into the export's audit row. The same rule and
 * message keys as the audit log's own export, so one dialog serves every screen; too short says
 * 'v.required', which the dialog and the CLI show as `purpose.required`.
 */
export const exportPurpose = z
  .string()
  .trim()
  .refine((text) => characterCount(text) >= PURPOSE_MIN_CHARACTERS, 'v.required')
  .refine((text) => characterCount(text) <= PURPOSE_MAX_CHARACTERS, 'v.tooLong');

export const purposeInput = z.object({ purpose: exportPurpose });
export type PurposeInput = z.infer<typeof purposeInput>;
