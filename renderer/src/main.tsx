import { preloadCaseList } from './features/cases/preload';

/**
 * The entry: small on purpose. It asks the core for the first screen's data (who is signed in,
 * the case list's first page) and only then loads the app, so the core answers while the app's
 * code downloads, compiles and starts, instead of after.
 */
preloadCaseList();
void import('./boot');
