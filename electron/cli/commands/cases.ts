import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../shared/messages';
import { AppFailure } from '../../shared/result';
import { encodingNames, type ImportProblem, type ImportResult } from '../../shared/schemas/imports';
import { signedIn } from '../context';
import { cliFailure } from '../errors';
import { choiceOption, dayOption, existingFile, outFile, purposeOption } from '../options';
import { refuseExisting, writeAfterAudit } from '../output-file';
import { list, say, textOf } from '../text';
import { importExit, stringOption, type Command } from './types';

const encodings = ['auto', 'utf8', 'gbk', 'gb18030'] as const;
export const importModes = ['all-or-nothing', 'valid-only'] as const;

/** The encoding in the words the import screen uses (简体中文（GBK，Excel 默认）, UTF-8, …). */
const encodingName = (encoding: ImportResult['encoding'], lang: Lang) =>
  encoding === null ? say('cli.encoding.unknown', lang) : encodingNames[encoding][lang];

/** The import's one line: what was written, or why nothing was. */
function importLine(result: ImportResult, file: string, lang: Lang): string {
  const imported = result.total - result.rejected;
  if (result.written && imported > 0) {
    const line = say('cli.done.import', lang, {
      file,
      encoding: encodingName(result.encoding, lang),
      asOf: result.asOf,
      total: result.total,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
    });
    return result.rejected > 0 ? withRejectedNote(line, lang) : line;
  }
  if (result.written) {
    return say('cli.fail.importAllRejected', lang, { file, total: result.total });
  }
  if (result.total > 0) {
    return say('cli.fail.import', lang, { file, total: result.total, rejected: result.rejected });
  }
  // No rows: a file with only its header is empty; any other problem is listed below the line.
  return result.errors.every((e) => e.reason === 'v.import.empty')
    ? say('cli.fail.importEmpty', lang, { file })
    : say('cli.fail.importUnreadable', lang, { file });
}

/** Warnings found, counting those the bounded list left out. */
function countWarnings(result: ImportResult): number {
  return result.warnings.reduce(
    (n, w) => n + (w.reason === 'v.import.moreWarnings' ? Number(w.detail ?? 0) : 1),
    0,
  );
}

/** An import that took some rows and turned others away says so, and why it exits 3. */
export function withRejectedNote(line: string, lang: Lang): string {
  return line.replace(/[。.]$/, '') + say('cli.note.someRejected', lang);
}

/** A warning's reason with what it is about (the officer's name), or the count left out. */
function warningReason(p: ImportProblem, lang: Lang): string {
  if (p.reason === 'v.import.moreWarnings') {
    const n = Number(p.detail ?? 0).toLocaleString('en-US');
    return lang === 'zh' ? `另有 ${n} 条提醒未列出` : `and ${n} more warnings not listed`;
  }
  const reason = textOf(p.reason, lang);
  if (!p.detail) return reason;
  return lang === 'zh' ? `${reason}（${p.detail}）` : `${reason} (${p.detail})`;
}

/**
 * The plain report under the import's line: errors (rows rejected) as before, then warnings
 * (rows imported, not quite as the file says) marked as such, then each officer name nobody
 * on the staff list has.
 */
function printProblems(result: ImportResult, lang: Lang, err: (line: string) => void): void {
  for (const e of result.errors) {
    const reason = textOf(e.reason, lang);
    err(
      e.line === 0
        ? say('cli.rowFile', lang, { reason })
        : say('cli.row', lang, { line: e.line, column: e.column, reason }),
    );
  }
  for (const w of result.warnings) {
    const reason = warningReason(w, lang);
    err(
      w.line === 0
        ? say('cli.rowWarningFile', lang, { reason })
        : say('cli.rowWarning', lang, { line: w.line, column: w.column, reason }),
    );
  }
  if (!result.written) return;
  for (const o of result.unknownOfficers) {
    err(say('cli.officerNotOnStaff', lang, { name: o.name, rows: o.rows, line: o.firstLine }));
  }
}

/** How many rows an import took in: none unless it was written. */
const importedRows = (result: ImportResult) =>
  result.written ? result.total - result.rejected : 0;

export const importCommand: Command = {
  name: 'import',
  usage:
    'import --db PATH --file FILE [--encoding auto|utf8|gbk|gb18030] [--mode all-or-nothing|valid-only] [--as-of YYYY-MM-DD] [--json]',
  summary: {
    zh: '从总行的 CSV 或 XLSX 导入借款人和贷款（按身份证号和贷款编号更新或新增）',
    en: 'import borrowers and loans from a head-office CSV or XLSX (upsert by resident ID and loan number)',
  },
  desk: true,
  options: {
    file: stringOption,
    encoding: stringOption,
    mode: stringOption,
    'as-of': stringOption,
  },
  async run(options, io) {
    const file = existingFile(options.values, 'file');
    const encoding = choiceOption(options.values, 'encoding', encodings, 'auto');
    const mode = choiceOption(options.values, 'mode', importModes, 'all-or-nothing');
    const chosenDay = dayOption(options.values, 'as-of');
    const contentBase64 = fs.readFileSync(file).toString('base64');
    const core = await signedIn(options, io);
    try {
      // The import screen's channel (its worker job, its 50 MB cap); the day defaults to the
      // branch's today there. One transaction: refused while another process writes, it is
      // tried again whole.
      const result = await core.whileBusy(() =>
        core.call('imports:run', {
          fileName: path.basename(file),
          contentBase64,
          encoding,
          mode,
          ...(chosenDay ? { asOf: chosenDay } : {}),
        }),
      );
      const lang = options.lang;
      // --json carries errors and warnings in their own lists (and unknownOfficers).
      if (options.json) io.out(JSON.stringify(result));
      else {
        const line = importLine(result, path.resolve(file), lang);
        const warned = result.written && result.warnings.length > 0;
        io.out(
          warned
            ? line + say('cli.note.warnings', lang, { warnings: countWarnings(result) })
            : line,
        );
        printProblems(result, lang, (text) => io.err(text));
      }
      return importExit(importedRows(result), result.rejected);
    } finally {
      await core.close();
    }
  },
};

/** The row cap's refusal in the CLI's words: how many cases, and the cap the screen has too. */
function tooManyCases(error: unknown): AppFailure | null {
  if (!(error instanceof AppFailure) || error.code !== 'CONFLICT') return null;
  const { total, max } = error.details ?? {};
  if (typeof total !== 'number' || typeof max !== 'number') return null;
  return cliFailure('CONFLICT', 'cli.fail.exportTooMany', {
    total: total.toLocaleString('en-US'),
    max: max.toLocaleString('en-US'),
  });
}

export const exportCasesCommand: Command = {
  name: 'export-cases',
  usage: 'export-cases --db PATH --out FILE.csv|FILE.xlsx --purpose TEXT [--force] [--json]',
  summary: {
    zh: '按界面所示导出案件清单（已脱敏），CSV（UTF-8 带 BOM）或 XLSX；已有的文件只在加 --force 时覆盖',
    en: 'the case list as the screen shows it (masked), as CSV (UTF-8 with BOM) or XLSX; an existing file is replaced only with --force',
  },
  desk: true,
  options: { out: stringOption, purpose: stringOption, force: { type: 'boolean' } },
  async run(options, io) {
    const { file: out, ending } = outFile(options.values, ['.csv', '.xlsx']);
    // Personal data leaves the database only deliberately: the purpose is stated and audited.
    const purpose = purposeOption(options.values);
    const force = options.values.force === true;
    refuseExisting(out, force);
    const core = await signedIn(options, io);
    try {
      let rows = 0;
      // The screen's export (cases:export): its columns, its masking, its row cap, and the
      // whole list in the order and filter its schema gives by default.
      await writeAfterAudit(out, force, async () => {
        const exported = await core
          .call('cases:export', { purpose, format: ending === '.xlsx' ? 'xlsx' : 'csv' })
          .catch((error: unknown) => {
            throw tooManyCases(error) ?? error;
          });
        rows = exported.rows;
        return Buffer.from(exported.contentBase64, 'base64');
      });
      io.out(
        options.json
          ? JSON.stringify({ file: path.resolve(out), rows })
          : say('cli.done.exportCases', options.lang, { rows, file: path.resolve(out) }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

/** Names of the demo's counts; a count without a name here is shown by its key. */
const countNames: Record<string, { zh: string; en: string }> = {
  borrowers: { zh: '借款人', en: 'borrowers' },
  loans: { zh: '贷款', en: 'loans' },
  staff: { zh: '员工', en: 'staff' },
  visits: { zh: '走访', en: 'visits' },
  promises: { zh: '承诺还款', en: 'promises' },
  payments: { zh: '还款', en: 'payments' },
  receipts: { zh: '收据', en: 'receipts' },
  notices: { zh: '通知书', en: 'notices' },
  plans: { zh: '还款计划', en: 'repayment plans' },
  complaints: { zh: '投诉', en: 'complaints' },
  closedMonths: { zh: '已结账月份', en: 'closed months' },
  waivers: { zh: '减免与和解', en: 'waivers and settlements' },
};

/** The demo's counts in running text: 借款人 400、贷款 512 / 400 borrowers, 512 loans. */
export function demoCountsText(counts: object, lang: Lang): string {
  const parts = Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([key, n]) => {
      const name = countNames[key]?.[lang] ?? key;
      return lang === 'zh' ? `${name} ${n}` : `${n} ${name}`;
    });
  return list(parts, lang);
}

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  usage: 'seed-demo --db PATH [--json]',
  summary: {
    zh: '载入演示网点（约 400 个虚构借款人、两个已结账月份的走访、今后几周的日程）；只能载入一次',
    en: 'load the demo branch (about 400 synthetic borrowers, two closed months of visits, the coming weeks planned); refused twice',
  },
  desk: true,
  options: {},
  async run(options, io) {
    const core = await signedIn(options, io);
    try {
      const counts = await core.call('cases:loadDemo', {});
      io.out(
        options.json
          ? JSON.stringify(counts)
          : say('cli.done.seedDemo', options.lang, {
              counts: demoCountsText(counts, options.lang),
            }),
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const caseCommands = [importCommand, exportCasesCommand, seedDemoCommand];
