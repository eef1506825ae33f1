import fs from 'node:fs';
import path from 'node:path';
import { exportCsv, exportJson, exportXlsx } from '../../core/reports/exports';
import { signedIn } from '../context';
import { cliFailure } from '../errors';
import { monthOption, outFile, purposeOption } from '../options';
import { say } from '../text';
import { stringOption, type Command } from './types';

/** The monthly branch summary for head office, by the output file's ending. */
export const exportSummary: Command = {
  name: 'export-summary',
  usage:
    'export-summary --db PATH --month YYYY-MM [--out FILE.xlsx|.csv|.json --purpose TEXT] [--json]',
  summary: {
    zh: '写出月度汇总（XLSX 工作簿、CSV 走访清单或 JSON 数字；已结账的月份用冻结的数字）；--json 打印数字',
    en: 'write the monthly summary (XLSX workbook, CSV visit list or JSON figures; frozen when closed); --json prints the figures',
  },
  options: { month: stringOption, out: stringOption, purpose: stringOption },
  async run(options, io) {
    const month = monthOption(options.values);
    if (options.values.out === undefined && !options.json) {
      throw cliFailure(
        'VALIDATION',
        'cli.missingBecause',
        { option: '--out' },
        {
          field: { name: 'out', key: 'v.required' },
          detail: { text: 'cli.v.outOrJson', params: {} },
        },
      );
    }
    const target =
      options.values.out === undefined ? null : outFile(options.values, ['.xlsx', '.csv', '.json']);
    // The workbook and the CSV list the month's visits by borrower: personal data leaves the
    // database only with a stated purpose, audited like the screen's export. The JSON holds
    // figures only.
    const purpose = target && target.ending !== '.json' ? purposeOption(options.values) : null;
    const core = await signedIn(options, io);
    try {
      const app = core.app;
      if (target) {
        if (purpose === null) {
          fs.writeFileSync(target.file, `${JSON.stringify(exportJson(app.db, month), null, 2)}\n`);
        } else {
          const file =
            target.ending === '.xlsx'
              ? await exportXlsx(app, month, 'zh', purpose)
              : exportCsv(app, month, 'zh', purpose);
          fs.writeFileSync(target.file, Buffer.from(file.base64, 'base64'));
        }
      }
      if (options.json) io.out(JSON.stringify(exportJson(app.db, month)));
      else {
        const key = purpose === null ? 'cli.done.exportSummary' : 'cli.done.exportSummaryPurpose';
        io.out(say(key, options.lang, { month, file: path.resolve(target!.file) }));
      }
      return 0;
    } finally {
      await core.close();
    }
  },
};

export const reportCommands: Command[] = [exportSummary];
