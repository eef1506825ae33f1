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

/** Where the renderer is allowed to live: the built index.html, or the dev server in dev. */
export interface RendererOrigin {
  /** Absolute path of the built renderer's index.html (file: URLs). */
  indexFile: string;
  /** The dev server's URL, only under `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

function normalisePath(p: string): string {
  return decodeURIComponent(p)
    .replace(/\\/g, '/')
    .replace(/^\/([A-Za-z]:)/, '$1')
    .toLowerCase();
}

/** Parses the URL (never substring matching) and accepts only the app's own page. */
export function isTrustedRendererUrl(url: string, origin: RendererOrigin): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    return normalisePath(parsed.pathname) === normalisePath(origin.indexFile.replace(/\\/g, '/'));
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
