import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { importRoster } from '../../core/planning/import-roster';
import { importStaff } from '../../core/planning/import-staff';
import { AppFailure } from '../../shared/result';
import { signedIn } from '../context';
import type { Command } from './types';

const modeSchema = z.enum(['all-or-nothing', 'valid-only']);

function readFile(value: unknown): { name: string; bytes: Uint8Array } {
  if (typeof value !== 'string' || !value)
    throw new AppFailure('VALIDATION', 'missing --file FILE');
  if (!fs.existsSync(value)) throw new AppFailure('NOT_FOUND', `file not found: ${value}`);
  return { name: path.basename(value), bytes: fs.readFileSync(value) };
}

function mode(value: unknown) {
  const parsed = modeSchema.safeParse(value ?? 'all-or-nothing');
  if (!parsed.success) throw new AppFailure('VALIDATION', '--mode is all-or-nothing or valid-only');
  return parsed.data;
}

export const importStaffCommand: Command = {
  name: 'import-staff',
  usage: 'import-staff --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary:
    'upsert staff by staff number from a CSV or XLSX (工号, 姓名, 角色, 手机号, 资格证书编号, 证书到期日)',
  async run(options, io) {
    const file = readFile(options.values.file);
    const core = await signedIn(options, io);
    try {
      const result = await importStaff(core.app, file, mode(options.values.mode));
      if (options.json) io.out(JSON.stringify(result));
      else {
        io.out(`created ${result.created}, updated ${result.updated}, rejected ${result.rejected}`);
        for (const e of result.errors) io.err(`  line ${e.line}: ${JSON.stringify(e)}`);
      }
      return result.rejected > 0 && mode(options.values.mode) === 'all-or-nothing' ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};

export const importRosterCommand: Command = {
  name: 'import-roster',
  usage: 'import-roster --db PATH --file FILE [--mode all-or-nothing|valid-only] [--json]',
  summary:
    'plan visits from a roster (身份证号, 走访日期, 开始时间, 结束时间, 走访人员, 目的), checked by the rules in file order',
  async run(options, io) {
    const file = readFile(options.values.file);
    const core = await signedIn(options, io);
    try {
      const result = await importRoster(core.app, file, mode(options.values.mode));
      if (options.json) io.out(JSON.stringify(result));
      else {
        io.out(`planned ${result.planned}, rejected ${result.rejected}`);
        for (const e of result.errors)
          io.err(`  line ${e.line} [${e.rule}]: ${e.reasonEn ?? e.reason}`);
      }
      return result.rejected > 0 && mode(options.values.mode) === 'all-or-nothing' ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};

export const planningCommands = [importStaffCommand, importRosterCommand];
