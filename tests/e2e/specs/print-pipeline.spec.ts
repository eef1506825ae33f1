import { execFileSync } from 'node:child_process';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type { DocumentKind, DocumentLang } from '../../../electron/shared/schemas/notices';
import { sampleDocument } from '../../../renderer/src/print/samples';
import { expect, pdfText, setUpAndSignIn, test } from '../support/fixtures';

const sample = (kind: DocumentKind, lang: DocumentLang) =>
  sampleDocument(kind, lang, { version: 1, body: defaultTemplates[kind][lang] });

// The print pipeline itself: staged documents, the print route, one page per document.
test('a staged job prints to a PDF with one page per document', async ({ app, core }) => {
  await setUpAndSignIn(app, core);
  const documents = [
    sample('visitNotice', 'zh'),
    sample('reminderLetter', 'zh'),
    sample('visitNotice', 'en'),
  ];
  const staged = await core.invoke('print:stage', { documents });
  expect(staged.ok ? 'ok' : staged.error).toBe('ok');
  const jobId = staged.ok ? staged.data.jobId : '';
  const result = (await app.evaluate(
    (args) =>
      (window as unknown as { visitdesk: Record<string, (a: unknown) => Promise<unknown>> })
        .visitdesk['print:savePdf']!(args),
    {
      jobId,
      fileName: 'pipeline-test.pdf',
    },
  )) as { ok: boolean; data: { file: string; pages: number } };
  expect(result.ok).toBe(true);
  expect(result.data.pages).toBe(3);
  const info = execFileSync('pdfinfo', [result.data.file]).toString();
  expect(info).toMatch(/Pages:\s+3/);
  expect(info).toMatch(/Page size:.*\(A4\)/);
  const text = pdfText(result.data.file);
  expect(text).toContain('上门走访通知书');
  expect(text).toContain('李秀兰');
});
