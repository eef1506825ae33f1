import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages, type Lang } from '../../../electron/shared/messages';
import { en } from './en';
import { zh } from './zh';
import { assignmentsText } from '../features/assignments/i18n';
import { auditText } from '../features/audit/i18n';
import { casesText } from '../features/cases/i18n';
import { complaintsText } from '../features/cases/complaints-i18n';
import { caseExitText } from '../features/cases/exit-i18n';
import { tierText } from '../features/cases/tier-i18n';
import { moneyText } from '../components/payment-sources';
import { noticesText } from '../features/notices/i18n';
import { printText } from '../print/i18n';
import { recordsText } from '../features/records/i18n';
import { cashText } from '../features/records/cash-i18n';
import { planningText } from '../features/planning/i18n';
import { visitLoansText } from '../features/planning/visit-loans-i18n';
import { reportsText } from '../features/reports/i18n';
import { purposeText } from '../components/purpose-text';
import { dateFieldText } from '../components/date-text';
import { editedElsewhereText } from '../components/EditedElsewhere';
import { desksText } from '../features/desks/i18n';
import { settingsText } from '../features/settings/i18n';
import { staffText } from '../features/staff/i18n';
import { waiversText } from '../features/waivers/i18n';

/**
 * Each feature keeps its texts beside it (features/<feature>/i18n.ts, `{ zh, en }` with the same
 * keys) and is listed here once.
 */
const features: { zh: Record<string, string>; en: Record<string, string> }[] = [
  assignmentsText,
  auditText,
  casesText,
  complaintsText,
  caseExitText,
  tierText,
  moneyText,
  noticesText,
  printText,
  recordsText,
  cashText,
  planningText,
  visitLoansText,
  reportsText,
  purposeText,
  dateFieldText,
  editedElsewhereText,
  desksText,
  settingsText,
  staffText,
  waiversText,
];

const featureText = (lang: 'zh' | 'en') =>
  Object.assign({}, ...features.map((f) => f[lang])) as Record<string, string>;

const shared = (lang: Lang) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [key, value[lang]]));

export const LANGUAGE_KEY = 'visitdesk.language';

export function storedLanguage(): 'zh-CN' | 'en' {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function initI18n(lng: 'zh-CN' | 'en' = storedLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      lng,
      fallbackLng: 'zh-CN',
      // Keys contain dots (e.g. "v.required"), so nesting uses another separator.
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      resources: {
        'zh-CN': { translation: { ...shared('zh'), ...zh, ...featureText('zh') } },
        en: { translation: { ...shared('en'), ...en, ...featureText('en') } },
      },
    });
  } else if (i18next.language !== lng) {
    void i18next.changeLanguage(lng);
  }
  return i18next;
}

export function setLanguage(lng: 'zh-CN' | 'en') {
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Storage may be unavailable; the choice still applies for this run.
  }
  document.documentElement.lang = lng;
  return i18next.changeLanguage(lng);
}
