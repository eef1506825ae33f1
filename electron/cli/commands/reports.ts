import fs from 'node:fs';
import path from 'node:path';
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
  desk: true,
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
      if (target && purpose !== null) {
        // The screen's exports, audited there with the purpose (the file's words in Chinese).
        const input = { month, lang: 'zh' as const, purpose };
        const file =
          target.ending === '.xlsx'
            ? await core.call('reports:exportXlsx', input)
            : await core.call('reports:exportCsv', input);
        fs.writeFileSync(target.file, Buffer.from(file.base64, 'base64'));
      }
      if (options.json || target?.ending === '.json') {
        // The summary screen's figures with the close's anchor, exactly as stored when frozen.
        const summary = await core.call('reports:summary', { month });
        const { frozen, close, figures, previous, lastYear } = summary;
        const json = { month, frozen, close, figures, previous, lastYear };
        if (target?.ending === '.json') {
          fs.writeFileSync(target.file, `${JSON.stringify(json, null, 2)}\n`);
        }
        if (options.json) io.out(JSON.stringify(json));
      }
      if (!options.json) {
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
