import { describe, expect, it } from 'vitest';
import { parseTier } from '../../../electron/shared/classification';
import { b64, caseRow, csvText, idFor, utf8 } from '../imports/fixtures';
import { expectOk, signedInCore } from '../support/core';

/**
 * The case list export read back by the importer: the columns it shares with the import
 * template (who, where, the five-tier classification) are recognised by their headers in both
 * languages, and each case's tier comes back as the tier on file. The export has no loan
 * columns, so the importer names those as missing instead of importing anything.
 */

const PURPOSE = '核对五级分类';
const TIERS = ['正常', '关注', '次级', '可疑', '损失', ''] as const;

async function branchWithTiers() {
  const core = await signedInCore();
  const rows = TIERS.map((classification, i) => caseRow(i + 1, { classification }));
  const run = expectOk(
    await core.invoke('imports:run', {
      fileName: 'cases.csv',
      contentBase64: b64(utf8(csvText(rows))),
      asOf: '2026-03-01',
    }),
  );
  expect(run).toMatchObject({ inserted: 6, rejected: 0 });
  return core;
}

describe('the case list export, read back by the importer', () => {
  it('keeps the 五级分类 column: its header maps to the classification, its words to the tier', async () => {
    const core = await branchWithTiers();
    for (const { lang, format } of [
      { lang: 'zh', format: 'csv' },
      { lang: 'en', format: 'xlsx' },
    ] as const) {
      const file = expectOk(
        await core.invoke('cases:export', {
          asOf: '2026-03-01',
          fullNumbers: true,
          purpose: PURPOSE,
          lang,
          format,
        }),
      );
      const preview = expectOk(
        await core.invoke('imports:preview', {
          fileName: file.fileName,
          contentBase64: file.contentBase64,
          rows: 50,
        }),
      );
      const column = (field: string) => preview.columns.indexOf(field as never);
      const tierAt = column('classification');
      expect(preview.headers[tierAt], lang).toBe(lang === 'zh' ? '五级分类' : 'Classification');
      expect(
        ['name', 'id_number', 'mobile', 'township', 'village'].map((f) => column(f) >= 0),
        lang,
      ).toEqual([true, true, true, true, true]);
      // Nothing of the loans: the importer would not take the list for a case file.
      expect(preview.missingFields, lang).toContain('loan_no');
      expect(preview.totalRows, lang).toBe(6);

      const byId = new Map(preview.rows.map((r) => [r.cells[column('id_number')], r.cells]));
      TIERS.forEach((zh, i) => {
        const cells = byId.get(idFor(i + 1))!;
        expect(cells, `${lang} ${i + 1}`).toBeDefined();
        const cell = cells[tierAt]!;
        // The words of the export's language; empty where no file classified the case.
        expect(cell === '' ? null : parseTier(cell), `${lang} ${cell}`).toBe(
          zh === '' ? null : parseTier(zh),
        );
        if (lang === 'en' && zh !== '') expect(cell).not.toMatch(/[\u4e00-\u9fff]/);
      });
    }
  });
});
