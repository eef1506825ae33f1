import { z } from 'zod';

/**
 * A purpose is counted in characters as a reader sees them (Unicode code points), never in
 * UTF-16 units or bytes: 报总行 ("for head office") is three characters and a purpose.
 */
export const PURPOSE_MIN_CHARACTERS = 3;
export const PURPOSE_MAX_CHARACTERS = 200;

export const characterCount = (text: string): number => [...text].length;

/**
 * The rule's own words, one copy for every place that states it: the export dialog (its
 * texts merge these) and the command line's `--purpose`. Same `{ zh, en }` shape as a
 * renderer feature's texts.
 */
export const purposeRuleText = {
  zh: {
    'purpose.required': `请写明用途（至少 ${PURPOSE_MIN_CHARACTERS} 个字）`,
    'purpose.help': `至少 ${PURPOSE_MIN_CHARACTERS} 个字；与本次导出一并记入审计日志`,
  },
  en: {
    'purpose.required': `State the purpose (at least ${PURPOSE_MIN_CHARACTERS} characters)`,
    'purpose.help': `At least ${PURPOSE_MIN_CHARACTERS} characters; recorded with this export in the audit log`,
  },
};

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
