import { z } from 'zod';
import { channel } from '../channel';
import { caseListInput } from '../schemas/cases';
import { exportPurpose } from '../schemas/export-purpose';

/** The case list's own filter and sort (no paging: every matching case), plus why and how. */
export const caseExportInput = caseListInput.omit({ page: true, pageSize: true }).extend({
  purpose: exportPurpose,
  /** Full ID and phone numbers instead of masked ones: needs 'cases.reveal' as well. */
  fullNumbers: z.boolean().default(false),
  lang: z.enum(['zh', 'en']).default('zh'),
  /** CSV for Excel (UTF-8 with BOM) on screen; the command line may ask for XLSX. */
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export type CaseExportInput = z.input<typeof caseExportInput>;

export const caseExportOutput = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  rows: z.number().int(),
  fullNumbers: z.boolean(),
});

/**
 * The case list as the screen filters it, as CSV for Excel (UTF-8 with BOM, every field quoted,
 * formula-like text neutralised) or XLSX. Masked numbers unless asked and allowed; audited with
 * the filter, the row count and the stated purpose. The one case export: the screen's button and
 * the CLI's export-cases both call it, under the same row cap.
 */
export const caseExportChannels = {
  'cases:export': channel(caseExportInput, caseExportOutput, 'cases.export'),
} as const;
