import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import lazyFormatNumber from '../../../renderer/src/app/lazy-format-number';
// MUI's own helper, which the build swaps for ours (electron.vite.config.ts, lazyLocaleNumbers).
import muiFormatNumber from '../../../node_modules/@mui/material/locale/utils/buildFormatNumber.mjs';

const locales = ['zh-CN', 'en-US', 'de-DE', 'fr-FR', 'ar-EG', 'hi-IN', 'not a locale!'];

describe("the pager's number format, built at first use", () => {
  it('formats every number as MUI’s helper does, in any locale, a bad one included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.array(
          fc.oneof(
            fc.integer(),
            fc.double(),
            fc.constantFrom(0, -0, 1e21, Number.NaN, Infinity, -Infinity),
          ),
          { maxLength: 8 },
        ),
        (locale, values) => {
          const ours = lazyFormatNumber(locale);
          const theirs = muiFormatNumber(locale);
          for (const v of values) expect(ours(v)).toBe(theirs(v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('builds no formatter until a finite number is formatted, then only one', () => {
    const Real = Intl.NumberFormat;
    let made = 0;
    class Counted extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    }
    vi.stubGlobal('Intl', { ...Intl, NumberFormat: Counted });
    try {
      const format = lazyFormatNumber('zh-CN');
      expect(made).toBe(0);
      expect(format(Number.NaN)).toBe('NaN');
      expect(made).toBe(0);
      expect(format(1234567)).toBe('1,234,567');
      expect(format(89)).toBe('89');
      expect(made).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
