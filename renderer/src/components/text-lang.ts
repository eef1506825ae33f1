import { useTranslation } from 'react-i18next';

/** The language of texts that arrive in both languages from the core (rule messages, reasons). */
export function useTextLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}
