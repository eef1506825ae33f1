import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrations';
import { recordVisitInput } from '../../../electron/shared/schemas/records';
import { runCase, defineCase, type BenchContext } from '../../bench/harness';
import { closeCleanly, openPlain } from '../../bench/plain';
import { loadCases } from '../../bench/registry';
import { captureWrites, WriteReplay } from '../../bench/replay';
import { quickScale } from '../../bench/scale';
import type { SeededBranch } from '../../bench/seed';
import { escapeHtml, printedPagesHtml, tableHtml } from '../../bench/static-pages';
import { promiseOutcome } from '../../bench/visit-outcome';
import { expectOk, signedInCore, tempDir } from '../support/core';

describe('benchmark case registry', () => {
  it('loads every case file, in file order, with unique names and issue 9’s targets', async () => {
    const cases = await loadCases();
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const added = [
      'record a visit',
      'summary XLSX export',
      '200 notices to PDF',
      'cold start to case list',
    ].map((name) => names.indexOf(name));
    expect(added.every((i) => i >= 0)).toBe(true);
    expect([...added].sort((a, b) => a - b)).toEqual(added);
    const byName = new Map(cases.map((c) => [c.name, c]));
    expect(byName.get('record a visit')!.target).toEqual({ figure: 'median', maxMs: 20 });
    expect(byName.get('200 notices to PDF')!.target).toEqual({ figure: 'median', maxMs: 30_000 });
    for (const c of cases) {
      expect(c.about.length, c.name).toBeGreaterThan(20);
      expect(c.iterations, c.name).toBeGreaterThan(0);
    }
  });

  it('skips a case that cannot run here with its reason, before any setup', async () => {
    let setUp = false;
    const c = defineCase({
      name: 'needs a browser',
      about: 'a case whose tool is missing',
      skip: () => 'no Chromium at /nowhere',
      iterations: 1,
      warmup: 0,
      setup: () => {
        setUp = true;
      },
      run: () => {},
      baseline: () => {},
    });
    const branch = { tables: new Set<string>() } as unknown as SeededBranch;
    const ctx: BenchContext = { branch, scale: quickScale, quick: true };
    const result = await runCase(c, ctx);
    expect(result).toEqual({
      name: 'needs a browser',
      about: 'a case whose tool is missing',
      skipped: 'no Chromium at /nowhere',
    });
    expect(setUp).toBe(false);
  });
});

describe('write-case baseline', () => {
  it('replays the writes a channel made on the encrypted database as the same rows, bare', async () => {
    const core = await signedInCore();
    const plain = openPlain(path.join(tempDir(), 'plain.db'), { create: true });
    try {
      migrate(plain);
      const capture = captureWrites(core.app.db);
      expectOk(
        await core.invoke('notices:saveSettings', {
          repaymentChannels: ['本行各网点柜台', '手机银行“贷款还款”'],
          reminderPayDays: 5,
        }),
      );
      const writes = capture.stop();
      // Only writes: no reads, no BEGIN/COMMIT (the replay brings its own transaction).
      expect(writes.length).toBeGreaterThan(0);
      for (const w of writes) expect(w.sql).toMatch(/^\s*(insert|update|delete|replace)\b/i);
      expect(writes.some((w) => /"audit_log"/.test(w.sql))).toBe(true);

      new WriteReplay(plain, writes).replay();
      const settings = 'SELECT key, value FROM notice_settings ORDER BY key';
      expect(plain.prepare(settings).all()).toEqual(core.app.db.prepare(settings).all());
      const audit =
        "SELECT action, after, hash FROM audit_log WHERE action = 'notices.saveSettings'";
      expect(plain.prepare(audit).all()).toEqual(core.app.db.prepare(audit).all());

      // Stopped means stopped: later writes are not listed.
      expectOk(await core.invoke('notices:saveSettings', { repaymentChannels: [] }));
      expect(capture.stop()).toBe(writes);
      // Four keys, each stored by an UPDATE that found no row, then its INSERT.
      expect(writes.filter((w) => /"notice_settings"/.test(w.sql))).toHaveLength(8);
    } finally {
      closeCleanly(plain);
    }
  });

  it('submits an outcome form the records schema accepts as a promise to pay', () => {
    const form = promiseOutcome(
      { id: 42, borrowerId: 7, loanId: 9, staffIds: [3, 5] },
      '2026-06-30',
    );
    const parsed = recordVisitInput.parse(form);
    expect(parsed.outcome).toBe('promise_to_pay');
    expect(parsed.promise).toEqual({ amountFen: 200_000, dueOn: '2026-07-14', loanId: 9 });
    expect(parsed.followUpOn).toBe('2026-07-07');
    expect(parsed.payment).toBeNull();
  });
});

describe('static baseline pages', () => {
  it('escapes text and gives one A4 sheet per printed page', () => {
    expect(escapeHtml(`<b>"张三" & '李四'</b>`)).toBe(
      '&lt;b&gt;&quot;张三&quot; &amp; &#39;李四&#39;&lt;/b&gt;',
    );
    const html = printedPagesHtml(['第一页', '第二页 <script>', '第三页']);
    expect(html.match(/class="sheet"/g)).toHaveLength(3);
    expect(html).not.toContain('<script>');
    expect(html).toContain('size: A4');
  });

  it('lays a table out with a header and one row per entry', () => {
    const html = tableHtml(
      '案件',
      ['姓名', '逾期天数'],
      [
        ['王广', '720'],
        ['罗家斌', '719'],
      ],
    );
    expect(html.match(/<tr class="row">/g)).toHaveLength(2);
    expect(html).toContain('<th>姓名</th><th>逾期天数</th>');
    expect(html).toContain('<td>罗家斌</td><td>719</td>');
  });
});
