import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { StrictMode, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './app/App';
import { themeFor } from './app/theme';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ToastProvider } from './components/Toasts';
import { initI18n } from './i18n';
import './styles.css';

// Marks for the cold-start profile (tests/bench/profile-cold.ts): the app's code has loaded,
// and the first render is asked for.
performance.mark('boot: evaluating');
/** The app itself, loaded by the entry (main.tsx) once the first screen's reads are asked. */
const i18n = initI18n();

/**
 * Emotion's style cache without its default stylis plugin, the vendor prefixer: the app only
 * ever runs in Electron's Chromium (and the tests' Chromium), which needs none of the -webkit-,
 * -moz- and -ms- copies it adds (four declarations for every display: flex), and the first
 * screen compiles and inserts every rule of its components before it can paint.
 */
const styleCache = createCache({ key: 'css', stylisPlugins: [] });

function LocalisedTheme({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const theme = useMemo(() => themeFor(current.language), [current.language]);
  // The page's language picks the fonts for text outside MUI and tells screen readers.
  useEffect(() => {
    document.documentElement.lang = current.language;
  }, [current.language]);
  return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}
document.documentElement.lang = i18n.language;

performance.mark('boot: render called');
// The router is outside the toasts, so a toast knows the screen it was raised on.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CacheProvider value={styleCache}>
      <LocalisedTheme>
        <CssBaseline />
        <ErrorBoundary>
          <HashRouter>
            <ToastProvider>
              <App />
            </ToastProvider>
          </HashRouter>
        </ErrorBoundary>
      </LocalisedTheme>
    </CacheProvider>
  </StrictMode>,
);
