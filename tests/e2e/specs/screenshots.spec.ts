import { screenshotSteps } from '../support/screens';
import { bridgeWalkPage, walk } from '../support/screens-walk';
import { expect, shotFile, test } from '../support/fixtures';

/**
 * The screenshot walk runs as a test too, so it cannot silently rot. Here it walks once, in
 * Chinese, and pictures the screens only;
 * `npm run screenshots` walks both languages and renders the printed documents' pages too.
 */
test('every main screen and printed document can be reached, in Chinese', async ({
  context,
  page,
  core,
  engine,
  rendererUrl,
}) => {
  test.setTimeout(900_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await bridgeWalkPage(context, page, core, 'zh');
  await page.goto(rendererUrl);
  const documents: string[] = [];
  await walk({
    page,
    core,
    lang: 'zh',
    onScreen: async (step) => {
      await page.screenshot({ path: shotFile(engine, `walk-${step.name}.zh`) });
    },
    onDocument: (step, pdf) => {
      documents.push(step.name);
      expect(pdf).toMatch(/\.pdf$/);
    },
  });
  expect(documents).toEqual(
    screenshotSteps.filter((s) => s.name.startsWith('print-')).map((s) => s.name),
  );
});
