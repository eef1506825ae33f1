import { describe, expect, it } from 'vitest';
import {
  guardWebContents,
  isAllowedExternal,
  isTrustedRendererUrl,
  createSecureWindow,
} from '../../../electron/main/security';

const origin = {
  indexFile: 'C:\\Program Files\\Visitdesk\\resources\\app\\out\\renderer\\index.html',
};

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

  it('trusts only the built index.html (parsed, not substring-matched)', () => {
    expect(
      isTrustedRendererUrl(
        'file:///C:/Program%20Files/Visitdesk/resources/app/out/renderer/index.html#/x',
        origin,
      ),
    ).toBe(true);
    expect(isTrustedRendererUrl('file:///C:/evil/out/renderer/index.html', origin)).toBe(false);
    expect(
      isTrustedRendererUrl(
        'https://evil.example/C:/Program%20Files/Visitdesk/resources/app/out/renderer/index.html',
        origin,
      ),
    ).toBe(false);
    expect(isTrustedRendererUrl('not a url', origin)).toBe(false);
    const dev = { ...origin, devServerUrl: 'http://localhost:5173' };
    expect(isTrustedRendererUrl('http://localhost:5173/#/cases', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
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
    listeners['will-navigate']!(
      event,
      'file:///C:/Program%20Files/Visitdesk/resources/app/out/renderer/index.html',
    );
    expect(prevented).toBe(2);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://www.pbc.gov.cn/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.pbc.gov.cn/']);
    let granted: boolean | undefined;
    permissionHandler!({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(checkHandler!()).toBe(false);
  });
});
