import { describe, expect, it } from 'vitest';
import {
  EVERY_ROW_UP_TO,
  PROGRESS_EVERY_MS,
  ProgressMeter,
} from '../../../electron/core/imports/progress';
import { b64, caseRow, csvText, utf8, xlsxBytes, zhHeaders } from './fixtures';
import { expectOk, signedInCore } from '../support/core';

/**
 * Issue 17: a 4-row file sat at "0 / 4 行" until it was done (one event every 1,000 rows, then
 * the end). The progress of a small import now moves row by row, in order, to the row count.
 */
type Event = { jobId: number; task: string; done: number; total: number; note?: string };

async function coreWithEvents() {
  const events: Event[] = [];
  const core = await signedInCore({
    now: () => new Date('2026-03-02T02:00:00Z'),
    emit: (event, payload) => {
      if (event === 'job:progress') events.push(payload as Event);
    },
  });
  return { core, events };
}

describe('progress of an import', () => {
  it('a 4-row CSV: several events, increasing, ending at the row count', async () => {
    const { core, events } = await coreWithEvents();
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'delta.csv',
        contentBase64: b64(utf8(csvText([1, 2, 3, 4].map((n) => caseRow(n))))),
        asOf: '2026-03-01',
      }),
    );
    expect(result).toMatchObject({ inserted: 4, written: true });
    expect(events.map((e) => [e.done, e.total, e.note])).toEqual([
      [0, 4, 'write'],
      [1, 4, 'write'],
      [2, 4, 'write'],
      [3, 4, 'write'],
      [4, 4, 'write'],
      [4, 4, 'index'],
      [4, 4, 'done'],
    ]);
  });

  it('a 4-row XLSX too, with the row count known from the start', async () => {
    const { core, events } = await coreWithEvents();
    const rows = [1, 2, 3, 4].map((n) => Object.values(caseRow(n)));
    expectOk(
      await core.invoke('imports:run', {
        fileName: 'delta.xlsx',
        contentBase64: b64(await xlsxBytes([zhHeaders, ...rows])),
        asOf: '2026-03-01',
      }),
    );
    const done = events.map((e) => e.done);
    expect(done).toEqual([0, 1, 2, 3, 4, 4, 4]);
    expect(events.every((e) => e.total === 4)).toBe(true);
  });

  it('a large phase is told every row and passes on at most one event per 100 ms', () => {
    let clock = 0;
    const heard: [number, number, string | undefined][] = [];
    const meter = new ProgressMeter(
      (d, t, n) => heard.push([d, t, n]),
      'write',
      true,
      () => clock,
    );
    const total = 1000;
    // One row a millisecond: a second in all.
    for (let done = 0; done <= total; done++) {
      meter.tell(done, total);
      clock++;
    }
    expect(PROGRESS_EVERY_MS).toBe(100);
    // The first row, then each 100 ms (rows 100, 200, … 900), then the last.
    expect(heard.map(([d]) => d)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(heard.every(([, t, n]) => t === total && n === 'write')).toBe(true);
  });

  it('a phase of at most 100 rows passes every row on; checking goes by time, after 100 rows', () => {
    const heard: number[] = [];
    const rowByRow = new ProgressMeter(
      (d) => heard.push(d),
      'write',
      true,
      () => 0,
    );
    for (let done = 0; done <= EVERY_ROW_UP_TO; done++) rowByRow.tell(done, EVERY_ROW_UP_TO);
    expect(heard).toHaveLength(EVERY_ROW_UP_TO + 1);

    let clock = 0;
    const checked: number[] = [];
    const checking = new ProgressMeter(
      (d) => checked.push(d),
      'check',
      false,
      () => clock,
    );
    for (let done = 1; done <= 250; done++) {
      clock += 1;
      checking.tell(done, 0);
    }
    // Nothing for the first 100 rows (a small file's check is silent), then each 100 ms.
    expect(checked).toEqual([101, 201]);
  });
});
