import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { exportCsv, exportJson, exportXlsx } from '../../core/reports/exports';
import { exportPurpose } from '../../shared/schemas/export-purpose';
import { month as monthSchema } from '../../shared/schemas/reports';
import { signedIn } from '../context';
import type { Command } from './types';

/** The monthly branch summary for head office, by the output file's ending. */
export const exportSummary: Command = {
  name: 'export-summary',
  usage:
    'export-summary --db PATH --month YYYY-MM [--out FILE.xlsx|.csv|.json --purpose TEXT] [--json]',
  summary:
    'write the monthly summary (XLSX workbook, CSV visit list or JSON figures; frozen when closed); --json prints the figures',
  async run(options, io) {
    const month = monthSchema.parse(options.values.month, {
      error: () => 'missing or bad --month YYYY-MM',
    });
    const out = z.string().min(1).optional().parse(options.values.out);
    if (!out && !options.json) throw new Error('give --out FILE or --json');
    const ending = out ? path.extname(out).toLowerCase() : '';
    if (out && !['.xlsx', '.csv', '.json'].includes(ending)) {
      throw new Error('--out must end in .xlsx, .csv or .json');
    }
    // The workbook and the CSV list the month's visits by borrower: personal data leaves the
    // database only with a stated purpose, audited like the screen's export. The JSON holds
    // figures only.
    const purpose =
      ending === '.xlsx' || ending === '.csv'
        ? exportPurpose.parse(options.values.purpose, {
            error: () => 'state the purpose of the export with --purpose (at least 4 characters)',
          })
        : null;
    const core = await signedIn(options, io);
    try {
      const app = core.app;
      if (out) {
        if (ending === '.json') {
          fs.writeFileSync(out, `${JSON.stringify(exportJson(app.db, month), null, 2)}\n`);
        } else {
          const file =
            ending === '.xlsx'
              ? await exportXlsx(app, month, 'zh', purpose!)
              : exportCsv(app, month, 'zh', purpose!);
          fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
        }
      }
      if (options.json) io.out(JSON.stringify(exportJson(app.db, month)));
      else io.out(`Monthly summary ${month} written to ${path.resolve(out!)}`);
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const reportCommands: Command[] = [exportSummary];
