import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, shell } from 'electron';
import NapiDatabase from 'better-sqlite3-multiple-ciphers-napi';
import { handlers } from '../core/handlers';
import type { HandlerMap } from '../core/app/handler-types';
import { defaultDbFile } from '../core/app/paths';
import { serverFromEnvironment } from '../core/app/server-desk';
import { Visitdesk } from '../core/app/visitdesk';
import type { SqliteDriver } from '../core/db/sqlite';
import { createDispatcher } from '../core/ipc/dispatch';
import { createWorkerRunner } from '../core/jobs/runner';
import { createSwitchableDesk } from '../core/remote/switch';
import { tuneHeapForStreaming } from '../core/runtime/heap';
import { registerChannels } from './ipc';
import { createPrintHandlers } from './print';
import {
  APP_INDEX_URL,
  APP_SCHEME,
  appSchemeFile,
  devServerUrl,
  guardWebContents,
  isTrustedRendererUrl,
  createSecureWindow,
  type RendererOrigin,
} from './security';

// The app loads the Node-API build that better-sqlite3-multiple-ciphers 13 ships inside its
// package (works under Electron's Node 24); tests load the Node-ABI 12.x build.
const driver = NapiDatabase as unknown as SqliteDriver;

tuneHeapForStreaming();
app.setName('Visitdesk');

const origin: RendererOrigin = {
  rendererDir: path.join(__dirname, '../renderer'),
  devServerUrl: app.isPackaged ? undefined : devServerUrl(process.env),
};

// Before the app is ready: app:// is a standard, secure scheme (fetch, CSP 'self' and module
// scripts work as on https), served from the renderer folder only (serveRenderer below).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Answers app://visitdesk/… with files of the built renderer, and nothing else. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = appSchemeFile(request.url, origin.rendererDir);
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = createSecureWindow(BrowserWindow, path.join(__dirname, '../preload/index.js'));
  // guardWebContents passes only allow-listed https URLs here. eng-disable OPEN_EXTERNAL_JS_CHECK
  guardWebContents(window.webContents, origin, (url) => void shell.openExternal(url)); // eng-disable OPEN_EXTERNAL_JS_CHECK
  window.once('ready-to-show', () => window.show());
  void window.loadURL(origin.devServerUrl ?? APP_INDEX_URL);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const core = new Visitdesk({
    dbFile: process.env.VISITDESK_DB ?? defaultDbFile(),
    // VISITDESK_DATABASE_URL: the data on a PostgreSQL server; unset, this PC's encrypted file.
    server: serverFromEnvironment(process.env),
    driver,
    jobs: createWorkerRunner({
      file: path.join(__dirname, 'worker.js'),
      driverModule: 'better-sqlite3-multiple-ciphers-napi',
    }),
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
  });
  const printing = createPrintHandlers({
    BrowserWindow,
    dialog,
    preload: path.join(__dirname, '../preload/index.js'),
    origin,
    parent: () => mainWindow,
  });
  // This PC's own data, or the branch server's once the PC has joined it (remote/switch.ts);
  // printing runs here either way.
  const desk = createSwitchableDesk({
    local: createDispatcher(core, handlers as HandlerMap, printing),
    platform: printing,
    connectionFile: core.files.branchServer,
    // Data of its own: this PC's file, or a PostgreSQL server named at start.
    hasLocalData: () =>
      fs.existsSync(core.files.db) || fs.existsSync(core.files.keys) || core.server !== null,
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    log: core.log,
  });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    Menu.setApplicationMenu(null);
    serveRenderer();
    registerChannels(ipcMain, desk.invoke, (url) => isTrustedRendererUrl(url, origin));
    mainWindow = createWindow();
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });

  app.on('before-quit', () => {
    desk.close();
    core.lock('quit');
  });
  app.on('window-all-closed', () => app.quit());
}
