import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MORE_PROBLEMS, ProblemList } from '../../../electron/core/imports/problem-list';
import type { ImportProblem } from '../../../electron/shared/schemas/imports';

/** The plain answer: every problem, sorted by line (ties in arrival order), the first `max`. */
function plain(problems: ImportProblem[], max: number): ImportProblem[] {
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.line - b.p.line || a.i - b.i)
    .map(({ p }) => p);
  const kept = sorted.slice(0, max);
  if (sorted.length > max) {
    kept.push({ line: 0, column: '', reason: MORE_PROBLEMS, detail: String(sorted.length - max) });
  }
  return kept;
}

const problem = fc.record({
  line: fc.integer({ min: 0, max: 60 }),
  column: fc.constantFrom('身份证号', '贷款编号', ''),
  reason: fc.constantFrom('v.required', 'v.idNumber', 'v.import.ragged'),
});

describe('ProblemList against sorting everything and keeping the first max', () => {
  it('gives the same list and total for any order, size and bound (both sides of the bound and of the cut-off)', () => {
    fc.assert(
      fc.property(
        // Batches as the checker pushes them (a row's problems at once), mostly in line order.
        fc.array(fc.array(problem, { minLength: 1, maxLength: 6 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        (batches, max, inOrder) => {
          const ordered = inOrder ? [...batches].sort((a, b) => a[0]!.line - b[0]!.line) : batches;
          const list = new ProblemList(max);
          for (const batch of ordered) list.push(...batch);
          const all = ordered.flat();
          expect(list.total).toBe(all.length);
          expect(list.toArray()).toEqual(plain(all, max));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps copies: a problem changed by its sender after the push is reported as it was pushed', () => {
    const list = new ProblemList(2);
    const first: ImportProblem = { line: 3, column: 'A', reason: 'v.required' };
    list.push(first);
    first.line = 99;
    expect(list.toArray()).toEqual([{ line: 3, column: 'A', reason: 'v.required' }]);
  });
});
