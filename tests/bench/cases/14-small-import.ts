import type { Result } from '../../../electron/shared/result';
import type { ImportPreview, ImportResult } from '../../../electron/shared/schemas/imports';
import { importFields } from '../../../electron/shared/schemas/imports';
import { toCsv } from '../../../electron/shared/spreadsheet';
import { defineCase, type BenchContext } from '../harness';
import { captureWrites, WriteReplay, type RecordedCall } from '../replay';
import { expectOk } from '../seed';

/**
 * A head office's daily delta of 4 rows, end to end as a clerk waits for it (issue 17: 5–20 s
 * with the bar at "0 / 4 行"): `imports:preview` then `imports:run` through the dispatcher,
 * both on the base64 file the screen sends (decode, encoding, header, every check, the owner
 * and officer lookups; then one transaction of upserts with snapshots, list totals, the search
 * index and the audit row). Each run imports 4 loans no run imported before, to 4 new
 * borrowers, into the seeded branch.
 *
 * Baseline: the same rows, as bare prepared statements in one transaction on the plain copy:
 * the writes the app made in run i (captured, not the reads) replayed for baseline run i, as
 * `record a visit` does. The ratio is the preview, the checks, encryption and the dispatcher
 * (and, before issue 17's fix, a worker thread's start-up for each of the two calls).
 */
interface State {
  ctx: BenchContext;
  files: string[];
  capture: { stop: () => RecordedCall[] } | null;
  replay: WriteReplay | null;
  loanNos: string[][];
}

const ROWS = 4;

/** GB 11643 check character for 17 digits. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((n, w, i) => n + Number(first17[i]) * w, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** Run n's file: 4 rows in the standard template, born 1970–1973, numbers no seed uses. */
function dailyFile(n: number): { base64: string; loanNos: string[] } {
  const loanNos: string[] = [];
  const rows = Array.from({ length: ROWS }, (_, k) => {
    const serial = String(n * ROWS + k).padStart(3, '0');
    const loanNo = `DAILY-${String(n).padStart(4, '0')}-${k + 1}`;
    loanNos.push(loanNo);
    const cells: Record<string, string> = {
      name: `日增${n}号${k + 1}`,
      id_number: residentId(`339999${1970 + k}0${k + 1}1${k}${serial}`.slice(0, 17)),
      mobile: `139${String(n * ROWS + k).padStart(8, '0')}`,
      province: '浙江省',
      city: '湖州市',
      county: '长兴县',
      township: '雉城街道',
      village: '城东村',
      address: `${k + 1}号`,
      loan_no: loanNo,
      product: '农户小额信用贷款',
      principal: '50000.00',
      disbursed_on: '2025-03-01',
      maturity_on: '2027-03-01',
      outstanding_principal: '30000.00',
      overdue_principal: '1234.50',
      overdue_interest: '88.80',
      penalty: '12.34',
      overdue_since: '2026-05-20',
      officer: '',
      last_paid_on: '',
    };
    return importFields.map((f) => cells[f.field] ?? '');
  });
  // toCsv writes the BOM, as Excel saves "CSV UTF-8".
  const csv = toCsv([importFields.map((f) => f.zh), ...rows]);
  return { base64: Buffer.from(csv, 'utf8').toString('base64'), loanNos };
}

export default defineCase<State>({
  name: 'small import',
  about:
    'a 4-row daily file, imports:preview then imports:run through the dispatcher, 4 new loans each run; baseline: the same rows as bare INSERT/UPDATEs in one transaction, plain copy',
  needs: ['borrowers', 'loans', 'loan_snapshots', 'borrower_search'],
  // Issue 17: a small file finishes in under a second.
  target: { figure: 'p95', maxMs: 1000 },
  units: { label: 'rows', perRun: () => ROWS },
  iterations: 20,
  warmup: 3,
  quick: { iterations: 10, warmup: 2 },
  setup: (ctx) => ({ ctx, files: [], capture: null, replay: null, loanNos: [] }),
  beforeRun(s) {
    // Warm-up and timed runs count from 0 each: number the files by how many came before.
    const n = s.files.length;
    const file = dailyFile(n);
    s.files.push(file.base64);
    s.loanNos.push(file.loanNos);
    s.capture = captureWrites(s.ctx.branch.app.db);
  },
  async run(s) {
    const contentBase64 = s.files.at(-1)!;
    const preview = expectOk(
      (await s.ctx.branch.invoke('imports:preview', {
        fileName: '日增量.csv',
        contentBase64,
        rows: 10,
      })) as Result<ImportPreview>,
    );
    if (preview.problems.length) throw new Error(JSON.stringify(preview.problems));
    return s.ctx.branch.invoke('imports:run', {
      fileName: '日增量.csv',
      contentBase64,
      mode: 'all-or-nothing',
      asOf: s.ctx.branch.asOf,
    });
  },
  afterRun(s, result) {
    const writes = s.capture!.stop();
    s.capture = null;
    const imported = expectOk(result as Result<ImportResult>);
    if (!imported.written || imported.inserted !== ROWS) {
      throw new Error(`imported ${imported.inserted}/${ROWS}: ${JSON.stringify(imported.errors)}`);
    }
    // A small file is imported on the main connection (imports/handlers.ts, runsInline); in a
    // worker its writes would go by unseen here, and there would be no baseline to replay.
    if (!writes.some((w) => /insert into "?loans"?/i.test(w.sql))) {
      throw new Error('no loan written on the main connection: did the import go to a worker?');
    }
    s.replay = new WriteReplay(s.ctx.branch.plain, writes);
  },
  baseline: (s) => s.replay!.replay(),
  afterBaseline(s) {
    const loanNos = s.loanNos.at(-1)!;
    const row = s.ctx.branch.plain
      .prepare(`SELECT count(*) AS n FROM loans WHERE loan_no IN (${loanNos.map(() => '?')})`)
      .get(...loanNos) as { n: number };
    if (row.n !== ROWS) throw new Error(`baseline wrote ${row.n}/${ROWS} loans`);
  },
  teardown(s) {
    s.capture?.stop();
  },
});
