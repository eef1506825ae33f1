import type { importChannels } from '../../shared/channels/imports';
import type { z } from 'zod';
import type { importSource } from '../../shared/schemas/imports';
import { requireSession, type FeatureHandlers } from '../app/handler-types';
import type { Visitdesk } from '../app/visitdesk';
import { AppFailure } from '../../shared/result';
import { loadMappings, resolveMapping, saveMapping } from './mappings';
import { loadWaitingOfficerNames } from './officers';
import { importSourceFor } from './prepare';
import { appImportDesk } from './desk';
import { importCasesOn, previewCasesOn } from './service';
import type { ImportCasesArgs, ImportSource, PreviewCasesArgs } from './task-args';
import { reportFileName, validationReportCsv } from './report';
import { officerAliases, resolveOfficerName } from './resolve-officer';
import { standardTemplateCsv, standardTemplateXlsx, TEMPLATE_DOWNLOAD_NAME } from './template';
import { loadBranchToday } from '../settings/branch-clock';

/** Imports running per app, so `imports:cancel` can stop them without knowing job ids. */
const running = new WeakMap<Visitdesk, Set<AbortController>>();

function track(app: Visitdesk): { controller: AbortController; done: () => void } {
  const set = running.get(app) ?? new Set<AbortController>();
  running.set(app, set);
  const controller = new AbortController();
  set.add(controller);
  return { controller, done: () => set.delete(controller) };
}

/** The file the renderer sent, decoded, with its mapping resolved (inline or saved by name). */
async function sourceOf(app: Visitdesk, input: z.output<typeof importSource>) {
  // A Buffer is a Uint8Array: wrapping it in a new one copied the whole file a second time.
  const bytes: Uint8Array = Buffer.from(input.contentBase64, 'base64');
  const mapping = await resolveMapping(app.engine.db, input);
  const source = await importSourceFor(input.fileName, bytes, input.encoding);
  return { source, mapping };
}

/**
 * A file this small is checked and written in the main process, on its connection: a worker
 * thread's start-up (loading the core's modules, opening the database: 1.4–1.9 s measured with
 * the built worker.js, 2.5–3.4 s from sources through tsx, under load) would be nearly all of
 * a daily delta's import, while the work itself takes 10–15 ms for 4 rows and about 150 ms for
 * 250 (64 KiB is some 300 rows), which is as long as it holds the main process. Larger files
 * still go to a worker, where the start-up is small next to the work.
 */
export const INLINE_MAX_CSV_BYTES = 64 * 1024;
export const INLINE_MAX_TABLE_ROWS = 300;

export function runsInline(source: ImportSource): boolean {
  if (source.kind === 'csv') return source.bytes.length <= INLINE_MAX_CSV_BYTES;
  return !source.table.ok || source.table.rows.length <= INLINE_MAX_TABLE_ROWS;
}

/** Progress of an inline run, told the window as a worker job's is (job id 0: no worker). */
function inlineProgress(app: Visitdesk, task: 'importCases' | 'previewCases') {
  return (done: number, total: number, note?: string) =>
    app.emit('job:progress', { jobId: 0, task, done, total, note });
}

function preview(app: Visitdesk, args: PreviewCasesArgs) {
  if (runsInline(args.source))
    return previewCasesOn(appImportDesk(app), args, inlineProgress(app, 'previewCases'));
  // Checking every row of a big file takes seconds: off the main thread, like the import (a
  // worker with its own connection: the SQLite file, or on a server desk a pool of its own).
  return app.runJob('previewCases', args);
}

function run(app: Visitdesk, args: ImportCasesArgs, signal: AbortSignal) {
  // One write that gives the event loop no turn on SQLite (app/write-guard.ts): nothing can
  // cancel it half-way, and a small file's ends in milliseconds.
  if (runsInline(args.source))
    return importCasesOn(appImportDesk(app), args, inlineProgress(app, 'importCases'));
  return app.runJob('importCases', args, { signal });
}

export const importHandlers: FeatureHandlers<typeof importChannels> = {
  'imports:preview': async (input, { app }) => {
    const { source, mapping } = await sourceOf(app, input);
    return preview(app, {
      fileName: input.fileName,
      source,
      mapping,
      rows: input.rows,
      today: await loadBranchToday(app.engine.db, app.now()),
    });
  },
  'imports:run': async (input, ctx) => {
    const { app } = ctx;
    const session = requireSession(ctx);
    // A second import would only wait for the first one's write lock and then fail.
    if (running.get(app)?.size) throw new AppFailure('CONFLICT', 'an import is already running');
    const { controller, done } = track(app);
    try {
      const { source, mapping } = await sourceOf(app, input);
      const today = await loadBranchToday(app.engine.db, app.now());
      const asOf = input.asOf ?? today;
      // Cancelled while the XLSX was still being read: nothing has started.
      if (controller.signal.aborted) throw new AppFailure('CANCELLED', 'cancelled');
      return await run(
        app,
        {
          fileName: input.fileName,
          source,
          mapping,
          mode: input.mode,
          asOf,
          today,
          // The core's clock, not the worker's: payments' and the promise check's time.
          now: app.now().toISOString(),
          staffId: session.staffId,
        },
        controller.signal,
      );
    } finally {
      done();
    }
  },
  'imports:cancel': (_input, { app }) => {
    const set = running.get(app) ?? new Set();
    for (const controller of set) controller.abort();
    return { cancelled: set.size };
  },
  'imports:mappings': (_input, { app }) => loadMappings(app.engine.db),
  'imports:saveMapping': (input, { app }) =>
    app.write(async (tx) => {
      const saved = await saveMapping(tx, input.name, input.mapping);
      await app.record(tx, {
        action: 'imports.saveMapping',
        entity: 'settings',
        entityId: 'import.mappings',
        after: { name: input.name, mapping: input.mapping },
      });
      return saved;
    }),
  'imports:template': async (input) => {
    const bytes =
      input.format === 'xlsx'
        ? await standardTemplateXlsx()
        : Buffer.from(standardTemplateCsv(), 'utf8');
    return {
      fileName: `${TEMPLATE_DOWNLOAD_NAME}.${input.format}`,
      contentBase64: bytes.toString('base64'),
    };
  },
  'imports:report': async (input, { app }) => {
    const fileName = reportFileName(
      input.fileName,
      await loadBranchToday(app.engine.db, app.now()),
    );
    const csv = validationReportCsv(input.problems, input.warnings);
    // The report echoes rejected rows' names and ID numbers: an export of personal data,
    // audited with its stated purpose.
    await app.write((tx) =>
      app.record(tx, {
        action: 'imports.report',
        entity: 'import',
        entityId: input.fileName,
        after: {
          file: fileName,
          problems: input.problems.length,
          ...(input.warnings.length ? { warnings: input.warnings.length } : {}),
          purpose: input.purpose,
        },
      }),
    );
    return { fileName, contentBase64: Buffer.from(csv, 'utf8').toString('base64') };
  },
  'imports:waitingOfficers': async (_input, { app }) =>
    (await loadWaitingOfficerNames(app.engine.db)).map(({ key: _key, ...name }) => name),
  'imports:officerAliases': (_input, { app }) => officerAliases(app.engine.db),
  'imports:resolveOfficer': (input, { app }) => resolveOfficerName(app, input),
};
