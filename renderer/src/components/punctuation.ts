/**
 * Punctuation that follows the UI language. Chinese screens name a thing with a note in
 * full-width brackets and list items with 、 (李明（C101）、赵强（C102）); English screens use
 * ASCII brackets and commas (李明 (C101), 赵强 (C102)). Screens pass their language
 * (useTextLang); printed documents are Chinese legal texts and keep their own forms.
 */

export type TextLang = 'zh' | 'en';

/** Items as one run of text: 李明、赵强 in Chinese, 李明, 赵强 in English. */
export const listJoin = (items: readonly string[], lang: TextLang): string =>
  items.join(lang === 'en' ? ', ' : '、');

/** Clauses run on: 务农；打零工 in Chinese, 务农; 打零工 in English. */
export const clauseJoin = (items: readonly string[], lang: TextLang): string =>
  items.join(lang === 'en' ? '; ' : '；');

/** A label before its text: 借款人原话：, Borrower’s words: (the space included). */
export const labelColon = (label: string, lang: TextLang): string =>
  lang === 'en' ? `${label}: ` : `${label}：`;

/**
 * A text with a note after it in brackets: 工作单位（县农机厂）, Workplace (县农机厂). An empty
 * note adds nothing.
 */
export const withAside = (
  text: string,
  aside: string | null | undefined,
  lang: TextLang,
): string => (!aside ? text : lang === 'en' ? `${text} (${aside})` : `${text}（${aside}）`);
