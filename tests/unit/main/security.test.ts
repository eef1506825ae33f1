import { describe, expect, it } from 'vitest';
import {
  appSchemeFile,
  devServerUrl,
  guardWebContents,
  isAllowedExternal,
  isTrustedRendererUrl,
  createSecureWindow,
} from '../../../electron/main/security';

const origin = { rendererDir: '/opt/Visitdesk/resources/app.asar/out/renderer' };

describe('window security', () => {
  it('uses an isolated, sandboxed renderer without Node', () => {
    let seen: Record<string, unknown> | undefined;
    class FakeWindow {
      constructor(options: { webPreferences?: object }) {
        seen = options.webPreferences as Record<string, unknown>;
      }
    }
    expect(createSecureWindow(FakeWindow, '/app/out/preload/index.js')).toBeInstanceOf(FakeWindow);
    expect(seen).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('trusts only the app scheme’s index.html (parsed, not substring-matched)', () => {
    expect(isTrustedRendererUrl('app://visitdesk/index.html#/cases', origin)).toBe(true);
    expect(isTrustedRendererUrl('app://visitdesk/other.html', origin)).toBe(false);
    expect(isTrustedRendererUrl('app://evil/index.html', origin)).toBe(false);
    // file:// is no longer where the renderer lives, whatever the path.
    expect(
      isTrustedRendererUrl(
        'file:///opt/Visitdesk/resources/app.asar/out/renderer/index.html',
        origin,
      ),
    ).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/app://visitdesk/index.html', origin)).toBe(
      false,
    );
    expect(isTrustedRendererUrl('not a url', origin)).toBe(false);
    const dev = { ...origin, devServerUrl: 'http://localhost:5173' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/cases', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
  });

  it('answers app:// only with files inside the renderer folder', () => {
    const dir = origin.rendererDir;
    expect(appSchemeFile('app://visitdesk/index.html', dir)).toBe(`${dir}/index.html`);
    expect(appSchemeFile('app://visitdesk/', dir)).toBe(`${dir}/index.html`);
    expect(appSchemeFile('app://visitdesk/assets/index-abc.js?v=1', dir)).toBe(
      `${dir}/assets/index-abc.js`,
    );
    expect(appSchemeFile('app://visitdesk/%E5%AD%97%E4%BD%93.woff2', dir)).toBe(
      `${dir}/字体.woff2`,
    );
    // The URL parser resolves dot segments before we see them: still inside the folder.
    expect(appSchemeFile('app://visitdesk/../../keys.json', dir)).toBe(`${dir}/keys.json`);
    expect(appSchemeFile('app://visitdesk/%2e%2e/%2e%2e/visitdesk.db', dir)).toBe(
      `${dir}/visitdesk.db`,
    );
    for (const escape of [
      'app://visitdesk/assets/..%2f..%2fvisitdesk.db',
      'app://visitdesk/..%5c..%5cvisitdesk.db',
      'app://visitdesk/a%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://visitdesk/%E0%A4%A',
    ])
      expect([escape, appSchemeFile(escape, dir)]).toEqual([escape, null]);
  });

  it('trusts the dev server only under electron-vite dev, and only on this machine', () => {
    const url = 'http://localhost:5173/';
    expect(
      devServerUrl({ ELECTRON_RENDERER_URL: url, NODE_ENV_ELECTRON_VITE: 'development' }),
    ).toBe(url);
    // npm start (preview) or a stray variable: not trusted.
    expect(devServerUrl({ ELECTRON_RENDERER_URL: url })).toBeUndefined();
    expect(
      devServerUrl({ ELECTRON_RENDERER_URL: url, NODE_ENV_ELECTRON_VITE: 'production' }),
    ).toBeUndefined();
    expect(
      devServerUrl({
        ELECTRON_RENDERER_URL: 'http://evil.example:5173/',
        NODE_ENV_ELECTRON_VITE: 'development',
      }),
    ).toBeUndefined();
    expect(
      devServerUrl({
        ELECTRON_RENDERER_URL: 'https://localhost:5173/',
        NODE_ENV_ELECTRON_VITE: 'development',
      }),
    ).toBeUndefined();
  });

  it('opens only allow-listed https links outside the app', () => {
    expect(isAllowedExternal('https://www.nfra.gov.cn/cn/view/pages/index.html')).toBe(true);
    expect(isAllowedExternal('http://www.nfra.gov.cn/')).toBe(false);
    expect(isAllowedExternal('https://www.nfra.gov.cn.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@www.nfra.gov.cn/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('denies navigation, window.open and every permission request', () => {
    const listeners: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    let permissionHandler:
      ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    const opened: string[] = [];
    guardWebContents(
      {
        on: (event, listener) => {
          listeners[event] = listener;
        },
        setWindowOpenHandler: (h) => {
          openHandler = h;
        },
        session: {
          setPermissionRequestHandler: (h) => {
            permissionHandler = h;
          },
          setPermissionCheckHandler: (h) => {
            checkHandler = h;
          },
        },
      },
      origin,
      (url) => opened.push(url),
    );
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    listeners['will-navigate']!(event, 'https://evil.example/');
    listeners['will-redirect']!(event, 'https://evil.example/');
    listeners['will-navigate']!(event, 'app://visitdesk/index.html#/cases');
    expect(prevented).toBe(2);
    // The old file:// page is not the app any more.
    listeners['will-navigate']!(
      event,
      'file:///C:/Program%20Files/Visitdesk/resources/app/out/renderer/index.html',
    );
    expect(prevented).toBe(3);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://www.pbc.gov.cn/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.pbc.gov.cn/']);
    let granted: boolean | undefined;
    permissionHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(checkHandler!()).toBe(false);
  });
});
