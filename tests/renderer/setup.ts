import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach } from 'vitest';
import { initI18n } from '../../renderer/src/i18n';

initI18n('zh-CN');

// Test files share one window and one module graph (isolate: false in vitest.config.mts), so
// every test starts from the same page: Chinese, nothing stored, no address.
beforeEach(async () => {
  if (i18next.language !== 'zh-CN') await i18next.changeLanguage('zh-CN');
  document.documentElement.lang = 'zh-CN';
  localStorage.clear();
  sessionStorage.clear();
  if (window.location.hash) window.location.hash = '';
});

afterEach(() => {
  cleanup();
});
