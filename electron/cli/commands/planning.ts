import fs from 'node:fs';
import path from 'node:path';
import type { ChannelInput, ChannelOutput } from '../../shared/contract';
import type { Lang } from '../../shared/messages';
import { signedIn, type CliIo } from '../context';
import { choiceOption, existingFile, type OptionValues } from '../options';
import { say, type CliTextKey, type Params } from '../text';
import { importModes, withRejectedNote } from './cases';
import { importExit, stringOption, type Command } from './types';

/** The --file as its channel takes it (name and base64 content), and as the lines name it. */
function readFile(values: OptionValues) {
  const file = existingFile(values, 'file');
  return {
    fileName: path.basename(file),
    contentBase64: fs.readFileSync(file).toString('base64'),
    shown: path.resolve(file),
  };
}

const mode = (values: OptionValues) => choiceOption(values, 'mode', importModes, 'all-or-nothing');

/** A rejected row, in the user's language (the core gives both). */
function rowProblems(
  errors: readonly { line: number; rule: string; reason: string; reasonEn?: string }[],
  lang: Lang,
  io: CliIo,
) {
  for (const e of errors) {
    const reason = lang === 'zh' ? e.reason : (e.reasonEn ?? e.reason);
    io.err(say('cli.rowRule', lang, { line: e.line, rule: e.rule, reason }));
  }
}

interface ImportLines {
  done: CliTextKey;
  refused: CliTextKey;
  allRejected: CliTextKey;
  empty: CliTextKey;
}

const staffLines: ImportLines = {
  done: 'cli.done.importStaff',
  refused: 'cli.fail.importStaff',
  allRejected: 'cli.fail.importStaffAllRejected',
  empty: 'cli.fail.importStaffEmpty',
};

const rosterLines: ImportLines = {
  done: 'cli.done.importRoster',
  refused: 'cli.fail.importRoster',
  allRejected: 'cli.fail.importRosterAllRejected',
  empty: 'cli.fail.importRosterEmpty',
};

/** The one line: what was taken in, or why nothing was (refused whole, all rejected, no rows). */
function importedLine(
  imported: number,
  rejected: number,
  chosenMode: (typeof importModes)[number],
  lines: ImportLines,
  counts: Params,
  lang: Lang,
): string {
  if (imported > 0) {
    const line = say(lines.done, lang, counts);
    return rejected > 0 ? withRejectedNote(line, lang) : line;
  }
  if (rejected === 0) return say(lines.empty, lang, counts);
  return say(chosenMode === 'all-or-nothing' ? lines.refused : lines.allRejected, lang, counts);
}

type SheetChannel = 'staff:import' | 'planning:importRoster';

/**
 * One sheet import from the command line: the file to its channel (signed in, so the role and
 * the audit are the dispatcher's), then the result as JSON, or its one line and the rejected
 * rows; the exit code says whether anything was taken in.
 */
function sheetImport<C extends SheetChannel>(
  channel: C,
  lines: ImportLines,
  describe: (result: ChannelOutput<C>) => {
    imported: number;
    counts: Params;
    note?: (lang: Lang) => string;
  },
): Command['run'] {
  return async (options, io) => {
    const file = readFile(options.values);
    const chosenMode = mode(options.values);
    const core = await signedIn(options, io);
    try {
      const { fileName, contentBase64 } = file;
      const input = { fileName, contentBase64, mode: chosenMode } as ChannelInput<C>;
      const result = await core.whileBusy(() => core.call(channel, input));
      const { imported, counts, note } = describe(result);
      if (options.json) io.out(JSON.stringify(result));
      else {
        const allCounts = { file: file.shown, ...counts };
        const line = importedLine(
          imported,
          result.rejected,
          chosenMode,
          lines,
          allCounts,
          options.lang,
        );
        io.out(note ? line + note(options.lang) : line);
        rowProblems(result.errors, options.lang, io);
      }
      return importExit(imported, result.rejected);
    } finally {
      await core.close();
    }
  };
}

export const importStaffCommand: Command = {
  name: 'import-staff',
  usage: 'import-staff --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary: {
    zh: '从 CSV 或 XLSX 按工号新增或更新员工（工号, 姓名, 角色, 手机号, 资格证书编号, 证书到期日）',
    en: 'upsert staff by staff number from a CSV or XLSX (工号, 姓名, 角色, 手机号, 资格证书编号, 证书到期日)',
  },
  desk: true,
  options: { file: stringOption, mode: stringOption },
  run: sheetImport('staff:import', staffLines, (result) => ({
    imported: result.created + result.updated,
    counts: { created: result.created, updated: result.updated, rejected: result.rejected },
    // Cases imported before their officers were on the list, now theirs.
    note:
      result.casesAssigned > 0
        ? (lang) => say('cli.note.casesAssigned', lang, { cases: result.casesAssigned })
        : undefined,
  })),
};

export const importRosterCommand: Command = {
  name: 'import-roster',
  usage: 'import-roster --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary: {
    zh: '按排班表安排走访（身份证号, 走访日期, 开始时间, 结束时间, 走访人员, 目的），逐行按规则检查',
    en: 'plan visits from a roster (身份证号, 走访日期, 开始时间, 结束时间, 走访人员, 目的), checked by the rules in file order',
  },
  desk: true,
  options: { file: stringOption, mode: stringOption },
  run: sheetImport('planning:importRoster', rosterLines, (result) => ({
    imported: result.planned,
    counts: { planned: result.planned, rejected: result.rejected },
  })),
};

export const planningCommands = [importStaffCommand, importRosterCommand];
