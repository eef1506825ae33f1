import type { Page } from '@playwright/test';
import { messages } from '../../../electron/shared/messages';
import { assignmentsText } from '../../../renderer/src/features/assignments/i18n';
import { auditText } from '../../../renderer/src/features/audit/i18n';
import { caseExitText } from '../../../renderer/src/features/cases/exit-i18n';
import { cashText } from '../../../renderer/src/features/records/cash-i18n';
import { casesText } from '../../../renderer/src/features/cases/i18n';
import { tierText } from '../../../renderer/src/features/cases/tier-i18n';
import { noticesText } from '../../../renderer/src/features/notices/i18n';
import { planningText } from '../../../renderer/src/features/planning/i18n';
import { reportsText } from '../../../renderer/src/features/reports/i18n';
import { settingsText } from '../../../renderer/src/features/settings/i18n';
import { staffText } from '../../../renderer/src/features/staff/i18n';
import { recordsText } from '../../../renderer/src/features/records/i18n';
import { waiversText } from '../../../renderer/src/features/waivers/i18n';
import { purposeText } from '../../../renderer/src/components/purpose-text';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import { printText } from '../../../renderer/src/print/i18n';
import type { BridgedCore } from './bridge';

/**
 * The screenshot walk's labels in either UI language, from the renderer's own dictionaries (the
 * same sources renderer/src/i18n/index.ts merges), so one walk drives the zh-CN and the en app.
 * Steps name a label by its Chinese text, as the other specs do; `t` finds the key that text
 * belongs to and answers the walk's language.
 */

export type Lang = 'zh' | 'en';

type Dictionary = Record<string, string>;

const features: { zh: Dictionary; en: Dictionary }[] = [
  assignmentsText,
  auditText,
  caseExitText,
  cashText,
  casesText,
  noticesText,
  printText,
  recordsText,
  planningText,
  reportsText,
  purposeText,
  settingsText,
  staffText,
  tierText,
  waiversText,
];

const shared = (lang: Lang): Dictionary =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, value[lang]]));

const dictionaries: Record<Lang, Dictionary> = {
  zh: Object.assign({}, shared('zh'), zh, ...features.map((f) => f.zh)) as Dictionary,
  en: Object.assign({}, shared('en'), en, ...features.map((f) => f.en)) as Dictionary,
};

/** Keys by their Chinese text; a text used by keys whose English differs is ambiguous. */
const keysByZh = new Map<string, string[]>();
for (const [key, text] of Object.entries(dictionaries.zh)) {
  keysByZh.set(text, [...(keysByZh.get(text) ?? []), key]);
}

const interpolate = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));

/** The text of `key` in `lang`, with `{{name}}` filled in from `vars`. */
export function byKey(lang: Lang, key: string, vars: Record<string, string | number> = {}) {
  const text = dictionaries[lang][key];
  if (text === undefined) throw new Error(`no text for key ${key}`);
  return interpolate(text, vars);
}

/** The `lang` text of the label whose Chinese is `zhText` (exact, as the screen shows it). */
export function translate(lang: Lang, zhText: string): string {
  if (lang === 'zh') return zhText;
  const keys = keysByZh.get(zhText);
  if (!keys) throw new Error(`no key has the Chinese text 「${zhText}」`);
  const answers = new Set(keys.map((k) => dictionaries.en[k]));
  if (answers.size > 1) {
    throw new Error(`「${zhText}」 is ambiguous (${keys.join(', ')}): name the key with byKey`);
  }
  return [...answers][0]!;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a step gets: the page, the core behind it, and the walk's language. */
export interface Ui {
  page: Page;
  core: BridgedCore;
  lang: Lang;
  /** A label by its Chinese text, in the walk's language. */
  t: (zhText: string) => string;
  /** A label by key, with `{{name}}` filled in. */
  k: (key: string, vars?: Record<string, string | number>) => string;
  /** A label as a pattern: `starts` for labels MUI suffixes with " *", `contains` otherwise. */
  re: (zhText: string, mode?: 'exact' | 'starts' | 'contains') => RegExp;
  /** A key's text as a pattern that matches labels starting with it (MUI adds " *"). */
  kre: (key: string) => RegExp;
  /** A key's text as a pattern, each `{{name}}` a group (the last one greedy if it ends it). */
  keyRe: (key: string) => RegExp;
}

export function uiFor(page: Page, core: BridgedCore, lang: Lang): Ui {
  const t = (zhText: string) => translate(lang, zhText);
  return {
    page,
    core,
    lang,
    t,
    k: (key, vars) => byKey(lang, key, vars),
    re: (zhText, mode = 'exact') => {
      const body = escape(t(zhText));
      return new RegExp(mode === 'exact' ? `^${body}$` : mode === 'starts' ? `^${body}` : body);
    },
    kre: (key) => new RegExp(`^${escape(byKey(lang, key))}`),
    keyRe: (key) =>
      new RegExp(
        escape(byKey(lang, key))
          .replace(/\\\{\\\{\w+\\\}\\\}/g, '(.+?)')
          // A placeholder that ends the text takes the rest of it.
          .replace(/\(\.\+\?\)$/, '(.+)'),
      ),
  };
}
