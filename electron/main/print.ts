import fs from 'node:fs';
import type { BrowserWindow as ElectronWindow, Dialog } from 'electron';
import type { Handler, PlatformHandlerMap } from '../core/app/handler-types';
import {
  createSecureWindow,
  guardWebContents,
  APP_INDEX_URL,
  type RendererOrigin,
  type WindowConstructor,
} from './security';

export interface PrintDeps {
  BrowserWindow: WindowConstructor<ElectronWindow>;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  preload: string;
  origin: RendererOrigin;
  parent: () => ElectronWindow | null;
}

const READY_TIMEOUT_MS = 60_000;

/** Loads the print route for a staged job in a hidden window and waits until it is laid out. */
async function renderJob(
  deps: PrintDeps,
  jobId: string,
): Promise<{ window: ElectronWindow; pages: number }> {
  const window = createSecureWindow(deps.BrowserWindow, deps.preload);
  guardWebContents(window.webContents, deps.origin, () => {});
  const hash = `/print/${jobId}`;
  await window.loadURL(`${deps.origin.devServerUrl ?? APP_INDEX_URL}#${hash}`);
  const started = Date.now();
  for (;;) {
    const state = (await window.webContents.executeJavaScript(
      `(() => { const r = document.querySelector('.print-root'); return r ? [r.dataset.printReady, Number(r.dataset.documents)] : null; })()`,
    )) as [string, number] | null;
    if (state?.[0] === 'true') return { window, pages: state[1] };
    if (Date.now() - started > READY_TIMEOUT_MS) {
      window.destroy();
      throw new Error('the print page did not finish loading');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Main's handlers for the platform print channels: save as PDF, or the system print dialog. */
export function createPrintHandlers(
  deps: PrintDeps,
): Pick<PlatformHandlerMap, 'print:savePdf' | 'print:system'> {
  const savePdf: Handler<'print:savePdf'> = async ({ jobId, fileName }) => {
    const { window, pages } = await renderJob(deps, jobId);
    let pdf: Buffer;
    try {
      pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
      });
    } finally {
      window.destroy();
    }
    const parent = deps.parent();
    const options = {
      defaultPath: fileName.endsWith('.pdf') ? fileName : `${fileName}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = parent
      ? await deps.dialog.showSaveDialog(parent, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { file: null, pages };
    fs.writeFileSync(choice.filePath, pdf);
    return { file: choice.filePath, pages };
  };
  const system: Handler<'print:system'> = async ({ jobId }) => {
    const { window } = await renderJob(deps, jobId);
    return new Promise((resolve) => {
      window.webContents.print(
        { silent: false, printBackground: true, pageSize: 'A4' },
        (printed) => {
          window.destroy();
          resolve({ printed });
        },
      );
    });
  };
  return { 'print:savePdf': savePdf, 'print:system': system };
}
