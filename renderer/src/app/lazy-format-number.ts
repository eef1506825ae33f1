/**
 * Stands in for MUI's `buildFormatNumber` (see `lazyLocaleNumbers` in electron.vite.config.ts):
 * the same function of a number, for the pager's "第 1 条到第 50 条，共 120 条", with the
 * locale's `Intl.NumberFormat` built when it first formats a number instead of when the locale
 * module is imported. In a fresh renderer the first zh-CN number formatter loads ICU's data,
 * 17–30 ms in Debian's Chromium, which the first screen would otherwise wait for before its
 * rows, though it shows no number formatted this way until after they have painted.
 */
export default function buildFormatNumber(locale: string): (value: number) => string {
  let formatter: Intl.NumberFormat | null | undefined;
  return (value) => {
    if (!Number.isFinite(value)) return String(value);
    if (formatter === undefined) {
      try {
        formatter = new Intl.NumberFormat(locale);
      } catch {
        formatter = null;
      }
    }
    return formatter ? formatter.format(value) : String(value);
  };
}
