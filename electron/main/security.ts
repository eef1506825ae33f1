import type { BrowserWindowConstructorOptions } from 'electron';

/** The constructor Electron provides, injected so the options are unit-tested without Electron. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the main window with Electron's security checklist applied: an isolated, sandboxed
 * renderer without Node, no insecure content, no auxclick. The options are a literal here so
 * static checkers (electronegativity) can read them.
 */
export function createSecureWindow<W>(BrowserWindow: WindowConstructor<W>, preload: string): W {
  return new BrowserWindow({
    width: 1366,
    height: 800,
    minWidth: 1100,
    minHeight: 680,
    show: false,
    title: 'Visitdesk',
    webPreferences: {
      // Reviewed: the preload exposes one method per contract channel through contextBridge
      // and never ipcRenderer itself (electron/preload/index.ts).
      preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/**
 * The renderer is served from a privileged custom scheme (Electron's security checklist: not
 * file://, whose pages may read any local file they can name): `app://visitdesk/…`, answered
 * only with files inside the built renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'visitdesk';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Where the renderer is allowed to live: the app scheme, or the dev server under dev. */
export interface RendererOrigin {
  /** Absolute path of the built renderer folder (out/renderer), served as app://visitdesk/. */
  rendererDir: string;
  /** The dev server's URL, only under `electron-vite dev` (see devServerUrl). */
  devServerUrl?: string | undefined;
}

/**
 * The dev server is trusted only when electron-vite runs in dev mode (it sets
 * NODE_ENV_ELECTRON_VITE=development and ELECTRON_RENDERER_URL), never merely because the app
 * is unpackaged: `npm start` previews the built files, and a stray ELECTRON_RENDERER_URL in the
 * environment must not make the app load and trust another page.
 */
export function devServerUrl(env: Record<string, string | undefined>): string | undefined {
  if (env.NODE_ENV_ELECTRON_VITE !== 'development') return undefined;
  const url = env.ELECTRON_RENDERER_URL;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return parsed.protocol === 'http:' && local ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file an app:// request may be answered with, or null: only paths inside the renderer
 * folder, after decoding, with no way up (`..`, encoded slashes, another host).
 */
export function appSchemeFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const relative = parts.length ? parts.join('/') : 'index.html';
  const base = rendererDir.replace(/[\\/]+$/, '');
  return `${base}/${relative}`;
}

/** Parses the URL (never substring matching) and accepts only the app's own page. */
export function isTrustedRendererUrl(url: string, origin: RendererOrigin): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.pathname === '/index.html';
  }
  if (origin.devServerUrl) {
    const dev = new URL(origin.devServerUrl);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin
    );
  }
  return false;
}

/** Links the app may open in the system browser: the regulator's and the branch's sites only. */
export const externalAllowList: readonly string[] = [
  'https://www.nfra.gov.cn',
  'https://www.pbc.gov.cn',
];

export function isAllowedExternal(url: string, allowList = externalAllowList): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return allowList.some((allowed) => new URL(allowed).origin === parsed.origin);
}

interface GuardableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(
      handler: (
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
      ) => void,
    ): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
}

/**
 * Denies navigation away from the app, every `window.open` (allow-listed links go to the
 * system browser instead) and every permission request.
 */
export function guardWebContents(
  contents: GuardableContents,
  origin: RendererOrigin,
  openExternal: (url: string) => void,
): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedRendererUrl(url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.setWindowOpenHandler(({ url }) => {
    // Only allow-listed https origins reach the system browser (checked by URL parsing).
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}
