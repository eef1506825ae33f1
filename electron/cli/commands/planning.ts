import fs from 'node:fs';
import path from 'node:path';
import { importRoster } from '../../core/planning/import-roster';
import { importStaff } from '../../core/planning/import-staff';
import type { Lang } from '../../shared/messages';
import { signedIn, type CliIo } from '../context';
import { choiceOption, existingFile, type OptionValues } from '../options';
import { say } from '../text';
import { importModes } from './cases';
import { stringOption, type Command } from './types';

function readFile(values: OptionValues): { name: string; bytes: Uint8Array; shown: string } {
  const file = existingFile(values, 'file');
  return { name: path.basename(file), bytes: fs.readFileSync(file), shown: path.resolve(file) };
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

export const importStaffCommand: Command = {
  name: 'import-staff',
  usage: 'import-staff --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary: {
    zh: '从 CSV 或 XLSX 按工号新增或更新员工（工号, 姓名, 角色, 手机号, 资格证书编号, 证书到期日）',
    en: 'upsert staff by staff number from a CSV or XLSX (工号, 姓名, 角色, 手机号, 资格证书编号, 证书到期日)',
  },
  options: { file: stringOption, mode: stringOption },
  async run(options, io) {
    const file = readFile(options.values);
    const chosenMode = mode(options.values);
    const core = await signedIn(options, io);
    try {
      const result = await importStaff(core.app, file, chosenMode);
      const refused = result.rejected > 0 && chosenMode === 'all-or-nothing';
      const lang = options.lang;
      if (options.json) io.out(JSON.stringify(result));
      else {
        const { created, updated, rejected } = result;
        const counts = { file: file.shown, created, updated, rejected };
        io.out(say(refused ? 'cli.fail.importStaff' : 'cli.done.importStaff', lang, counts));
        rowProblems(result.errors, lang, io);
      }
      return refused ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};

export const importRosterCommand: Command = {
  name: 'import-roster',
  usage: 'import-roster --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary: {
    zh: '按排班表安排走访（身份证号, 走访日期, 开始时间, 结束时间, 走访人员, 目的），逐行按规则检查',
    en: 'plan visits from a roster (身份证号, 走访日期, 开始时间, 结束时间, 走访人员, 目的), checked by the rules in file order',
  },
  options: { file: stringOption, mode: stringOption },
  async run(options, io) {
    const file = readFile(options.values);
    const chosenMode = mode(options.values);
    const core = await signedIn(options, io);
    try {
      const result = await importRoster(core.app, file, chosenMode);
      const refused = result.rejected > 0 && chosenMode === 'all-or-nothing';
      const lang = options.lang;
      if (options.json) io.out(JSON.stringify(result));
      else {
        const counts = { file: file.shown, planned: result.planned, rejected: result.rejected };
        io.out(say(refused ? 'cli.fail.importRoster' : 'cli.done.importRoster', lang, counts));
        rowProblems(result.errors, lang, io);
      }
      return refused ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};

export const planningCommands = [importStaffCommand, importRosterCommand];
