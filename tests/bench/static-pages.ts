import { execFileSync } from 'node:child_process';

/**
 * The static pages the Chromium cases' baselines load: the same text or the same rows as the
 * app shows, as plain HTML with no script, so the floor is Chromium's own layout and printing.
 */

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const page = (title: string, style: string, body: string) =>
  `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${style}</style></head>
<body>${body}</body></html>
`;

/**
 * One A4 page per text, in the print route's serif at its size; a page that would run over is
 * cut, so the file always has exactly `texts.length` pages.
 */
export function printedPagesHtml(texts: readonly string[]): string {
  const style = `@page { size: A4; margin: 0 }
body { margin: 0; font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', serif; font-size: 11pt; line-height: 1.4; }
.sheet { box-sizing: border-box; width: 210mm; height: 297mm; padding: 12mm 15mm; overflow: hidden; white-space: pre-wrap; break-after: page; }
.sheet:last-child { break-after: auto; }`;
  const body = texts.map((t) => `<div class="sheet">${escapeHtml(t)}</div>`).join('\n');
  return page('notices', style, body);
}

/** A table with a header row and one row per entry, for the cold-start baseline. */
export function tableHtml(title: string, head: readonly string[], rows: readonly string[][]) {
  const style = `body { margin: 16px; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 14px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; white-space: nowrap; }`;
  const cells = (tag: string, values: readonly string[]) =>
    values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  const body = `<h1>${escapeHtml(title)}</h1>
<table><thead><tr>${cells('th', head)}</tr></thead>
<tbody>${rows.map((r) => `<tr class="row">${cells('td', r)}</tr>`).join('\n')}</tbody></table>`;
  return page(title, style, body);
}

/** Pages of a PDF file, counted by poppler's pdfinfo. */
export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(info);
  if (!match) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(match[1]);
}

/** The text of each page of a PDF (poppler's pdftotext, layout kept). */
export function pdfPageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  // Pages end with a form feed; the last one is followed by nothing.
  const pages = text.split('\f');
  if (pages[pages.length - 1] === '') pages.pop();
  return pages;
}
