// The purpose rule's numbers and words: a leaf module (no zod), so the export dialog's texts
// load with the app's text tables without the schema. export-purpose.ts builds on it.

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
