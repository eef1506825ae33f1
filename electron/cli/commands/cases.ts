import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadDemoBranch } from '../../core/cases/demo';
import { listCases } from '../../core/cases/list';
import { branchToday } from '../../core/imports/handlers';
import { caseListFile, exportFormatFor, type ExportColumn } from '../../core/imports/export';
import { importCaseFile } from '../../core/imports/service';
import { formatFen } from '../../shared/money';
import { AppFailure } from '../../shared/result';
import type { CaseListRow } from '../../shared/schemas/cases';
import { exportPurpose } from '../../shared/schemas/export-purpose';
import { isoDate } from '../../shared/validation';
import { signedIn } from '../context';
import type { Command } from './types';

const encoding = z.enum(['auto', 'utf8', 'gbk', 'gb18030']);
const mode = z.enum(['all-or-nothing', 'valid-only']);

function option<T>(schema: z.ZodType<T>, value: unknown, fallback: T, message: string): T {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppFailure('VALIDATION', message);
  return parsed.data;
}

export const importCommand: Command = {
  name: 'import',
  usage:
    'import --db PATH --file FILE [--encoding auto|utf8|gbk|gb18030] [--mode all-or-nothing|valid-only] [--as-of YYYY-MM-DD] [--json]',
  summary:
    'import borrowers and loans from a head-office CSV or XLSX (upsert by resident ID and loan number)',
  async run(options, io) {
    const file = options.values.file;
    if (typeof file !== 'string' || !file)
      throw new AppFailure('VALIDATION', 'missing --file FILE');
    if (!fs.existsSync(file)) throw new AppFailure('NOT_FOUND', `file not found: ${file}`);
    const chosenEncoding = option(
      encoding,
      options.values.encoding,
      'auto',
      '--encoding is auto, utf8, gbk or gb18030',
    );
    const chosenMode = option(
      mode,
      options.values.mode,
      'all-or-nothing',
      '--mode is all-or-nothing or valid-only',
    );
    const core = await signedIn(options, io);
    try {
      const asOf = option(
        isoDate,
        options.values['as-of'],
        branchToday(core.app.db, core.app.now()),
        '--as-of is YYYY-MM-DD',
      );
      const result = await importCaseFile(core.app.db, {
        fileName: path.basename(file),
        bytes: fs.readFileSync(file),
        encoding: chosenEncoding,
        mode: chosenMode,
        asOf,
        staffId: core.app.session?.staffId ?? null,
      });
      if (options.json) io.out(JSON.stringify(result));
      else {
        io.out(
          `${result.written ? 'imported' : 'nothing imported'}: inserted ${result.inserted}, updated ${result.updated}, rejected ${result.rejected} (of ${result.total} rows, ${result.encoding ?? 'unknown'} encoding)`,
        );
        for (const e of result.errors) io.err(`  line ${e.line} ${e.column}: ${e.reason}`);
      }
      return result.rejected > 0 && chosenMode === 'all-or-nothing'
        ? 1
        : result.written || result.total === 0
          ? 0
          : 1;
    } finally {
      await core.close();
    }
  },
};

const columns = (lang: 'zh' | 'en'): ExportColumn<CaseListRow>[] => {
  const zh = lang === 'zh';
  return [
    { header: zh ? '姓名' : 'Name', value: (r) => r.name },
    { header: zh ? '身份证号' : 'ID number', value: (r) => r.idNumberMasked },
    { header: zh ? '手机号' : 'Mobile', value: (r) => r.mobileMasked ?? '' },
    { header: zh ? '乡镇' : 'Township', value: (r) => r.township },
    { header: zh ? '村' : 'Village', value: (r) => r.village },
    { header: zh ? '客户经理' : 'Officer', value: (r) => r.officerName ?? '' },
    { header: zh ? '逾期总额' : 'Total overdue', value: (r) => formatFen(r.totalOverdueFen) },
    { header: zh ? '逾期天数' : 'Days past due', value: (r) => r.dpd },
    { header: zh ? '账龄' : 'Bucket', value: (r) => r.bucket },
    { header: zh ? '最近联系' : 'Last contact', value: (r) => r.lastContactAt ?? '' },
    { header: zh ? '状态' : 'Status', value: (r) => r.status },
  ] as ExportColumn<CaseListRow>[];
};

export const exportCasesCommand: Command = {
  name: 'export-cases',
  usage: 'export-cases --db PATH --out FILE.csv|FILE.xlsx --purpose TEXT [--json]',
  summary: 'the case list as the screen shows it (masked), as CSV (UTF-8 with BOM) or XLSX',
  async run(options, io) {
    const out = options.values.out;
    if (typeof out !== 'string' || !exportFormatFor(out)) {
      throw new AppFailure('VALIDATION', '--out must end in .csv or .xlsx');
    }
    // Personal data leaves the database only deliberately: the purpose is stated and audited.
    const purpose = exportPurpose.safeParse(options.values.purpose);
    if (!purpose.success)
      throw new AppFailure(
        'VALIDATION',
        'state the purpose of the export with --purpose (at least 4 characters)',
      );
    const core = await signedIn(options, io);
    try {
      const asOf = branchToday(core.app.db, core.app.now());
      const rows: CaseListRow[] = [];
      for (let page = 0; ; page++) {
        const batch = listCases(core.app.db, { ...defaultQuery, page, pageSize: 100 }, asOf);
        rows.push(...batch.rows);
        if (batch.rows.length < 100) break;
      }
      fs.writeFileSync(out, await caseListFile(out, columns('zh'), rows));
      core.app.db.transaction(() => {
        core.app.audit({
          action: 'cases.export',
          entity: 'borrower',
          after: { file: path.basename(out), rows: rows.length, purpose: purpose.data },
        });
      })();
      io.out(
        options.json
          ? JSON.stringify({ file: path.resolve(out), rows: rows.length })
          : `${rows.length} cases written to ${out}`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

const defaultQuery = {
  page: 0,
  pageSize: 100,
  sort: 'dpd' as const,
  direction: 'desc' as const,
  search: '',
  buckets: [],
  dpdMin: null,
  dpdMax: null,
  officer: null,
  township: '',
  village: '',
  statuses: [],
  vulnerable: null,
  brokenPromise: false,
  notVisitedDays: null,
};

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  usage: 'seed-demo --db PATH [--json]',
  summary:
    'load the demo branch (about 400 synthetic borrowers with a year of history); refused twice',
  async run(options, io) {
    const core = await signedIn(options, io);
    try {
      const counts = loadDemoBranch(core.app);
      io.out(
        options.json ? JSON.stringify(counts) : `demo branch loaded: ${JSON.stringify(counts)}`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const caseCommands = [importCommand, exportCasesCommand, seedDemoCommand];
