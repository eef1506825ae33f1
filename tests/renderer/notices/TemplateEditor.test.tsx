import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type { Role } from '../../../electron/shared/roles';
import {
  documentKinds,
  documentLangs,
  type NoticeTemplateRow,
} from '../../../electron/shared/schemas/notices';
import { TemplateEditor } from '../../../renderer/src/features/notices/TemplateEditor';
import { fakeBridge, renderAs } from '../support';

const templates: NoticeTemplateRow[] = documentKinds.flatMap((kind) =>
  documentLangs.map((lang) => ({
    kind,
    lang,
    version: 0,
    body: defaultTemplates[kind][lang],
    createdBy: null,
    createdAt: null,
    isDefault: true,
    defaultBody: defaultTemplates[kind][lang],
  })),
);

function renderEditor(role: Role) {
  const bridge = fakeBridge({
    'notices:templates': () => ({ ok: true, data: templates }),
    'notices:templateVersions': () => ({ ok: true, data: [] }),
    'notices:saveTemplate': (input) => ({
      ok: true,
      data: { ...templates[0]!, ...(input as object), version: 1, isDefault: false },
    }),
  });
  renderAs(role, <TemplateEditor />);
  return bridge;
}

const visitNoticeZh = defaultTemplates.visitNotice.zh;

async function editorWithDefault() {
  const editor = screen.getByRole('textbox', { name: '模板内容' });
  await waitFor(() => expect(editor).toHaveValue(visitNoticeZh));
  return editor;
}

describe('the template editor', () => {
  it('shows an unknown placeholder with its line and column and refuses to save', async () => {
    const bridge = renderEditor('manager');
    const editor = await editorWithDefault();
    const save = screen.getByRole('button', { name: '保存为新版本' });
    expect(screen.getByText('模板检查通过')).toBeInTheDocument();

    // Line 5 of the default text starts "尊敬的{{borrower.name}}"; misspell the placeholder.
    fireEvent.change(editor, {
      target: { value: visitNoticeZh.replace('尊敬的{{borrower.name}}', '尊敬的{{borrower.nam}}') },
    });
    const problems = await screen.findByTestId('template-problems');
    expect(problems).toHaveTextContent('第 5 行第 4 列');
    expect(problems).toHaveTextContent('borrower.nam');
    expect(save).toBeDisabled();
    fireEvent.click(save);
    expect(bridge.calls.some((c) => c.channel === 'notices:saveTemplate')).toBe(false);

    // Put it right again: Save comes back and saves the corrected text as a new version.
    fireEvent.change(editor, {
      target: { value: visitNoticeZh.replace('尊敬的', '敬爱的') },
    });
    await waitFor(() => expect(save).toBeEnabled());
    fireEvent.click(save);
    await waitFor(() =>
      expect(bridge.calls.find((c) => c.channel === 'notices:saveTemplate')?.input).toEqual({
        kind: 'visitNotice',
        lang: 'zh',
        body: visitNoticeZh.replace('尊敬的', '敬爱的'),
        baseVersion: 0,
      }),
    );
  });

  it('reports a missing required section and unbalanced braces', async () => {
    renderEditor('manager');
    const editor = await editorWithDefault();
    const withoutRights = visitNoticeZh.replace(/\[\[rights\]\][^[]*/, '');
    fireEvent.change(editor, { target: { value: `${withoutRights}\n{{branch.name` } });
    const problems = await screen.findByTestId('template-problems');
    expect(problems).toHaveTextContent('缺少必需的段落 [[rights]]');
    expect(within(problems).getAllByRole('listitem').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('button', { name: '保存为新版本' })).toBeDisabled();
  });

  it('prints a typed <script> in the preview as text, never as an element', async () => {
    renderEditor('manager');
    const editor = await editorWithDefault();
    const script = '<script>window.hacked = true</script><img src=x onerror="alert(1)">';
    fireEvent.change(editor, {
      target: { value: visitNoticeZh.replace('[[body]]\n', `[[body]]\n${script}\n`) },
    });
    const preview = screen.getByTestId('template-preview');
    await waitFor(() => expect(preview).toHaveTextContent('<script>window.hacked = true</script>'));
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.querySelector('img[onerror]')).toBeNull();
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('inserts a placeholder from the catalogue where the cursor is', async () => {
    renderEditor('manager');
    const editor = (await editorWithDefault()) as HTMLTextAreaElement;
    editor.setSelectionRange(0, 0);
    fireEvent.click(screen.getByText('{{loan.overdueAmount.capitals}}'));
    expect(editor.value.startsWith('{{loan.overdueAmount.capitals}}[[title]]')).toBe(true);
  });

  it('lets an officer read but not edit', async () => {
    renderEditor('officer');
    const editor = await editorWithDefault();
    expect(editor).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: '保存为新版本' })).toBeNull();
    expect(screen.getByText('只有行长可以修改模板')).toBeInTheDocument();
  });

  describe('when another desk saved the template first', () => {
    // The editor opened version 1; 刘芳 has since saved version 2 on another desk.
    const mine = visitNoticeZh.replace('上门走访通知书', '入户走访通知书');
    const v1 = visitNoticeZh.replace('上门走访通知书', '上门走访告知书');
    const theirs = visitNoticeZh.replace('上门走访通知书', '家访通知书');
    const row = (version: number, body: string, createdBy: string): NoticeTemplateRow => ({
      ...templates[0]!,
      version,
      body,
      createdBy,
      createdAt: '2025-03-04T02:00:00.000Z',
      isDefault: false,
    });

    function renderStale() {
      const opened = templates.map((t, i) => (i === 0 ? row(1, v1, '王建国') : t));
      const bridge = fakeBridge({
        'notices:templates': () => ({ ok: true, data: opened }),
        'notices:templateVersions': () => ({ ok: true, data: [] }),
        'notices:saveTemplate': (input) => {
          const { body, baseVersion } = input as { body: string; baseVersion?: number };
          if (baseVersion === 2) return { ok: true, data: row(3, body, '王建国') };
          return {
            ok: false,
            error: {
              code: 'STALE_VERSION',
              message: 'document_template visitNotice:zh was changed after this form was opened',
              details: {
                current: row(2, theirs, '刘芳'),
                version: '2',
                by: '刘芳',
                at: '2025-03-04T02:00:00.000Z',
              },
            },
          };
        },
      });
      renderAs('manager', <TemplateEditor />);
      return bridge;
    }

    const saves = (bridge: ReturnType<typeof renderStale>) =>
      bridge.calls.filter((c) => c.channel === 'notices:saveTemplate').map((c) => c.input);

    async function typeAndSave() {
      const editor = screen.getByRole('textbox', { name: '模板内容' });
      await waitFor(() => expect(editor).toHaveValue(v1));
      expect(screen.getByText('当前版本：第 1 版')).toBeInTheDocument();
      fireEvent.change(editor, { target: { value: mine } });
      fireEvent.click(screen.getByRole('button', { name: '保存为新版本' }));
      const alert = await screen.findByTestId('edited-elsewhere');
      return { editor, alert };
    }

    it('keeps the typed text, says who changed what, and saves it over the new version', async () => {
      const bridge = renderStale();
      const { editor, alert } = await typeAndSave();
      expect(saves(bridge)).toEqual([
        { kind: 'visitNotice', lang: 'zh', body: mine, baseVersion: 1 },
      ]);
      expect(alert).toHaveTextContent('这条记录在您打开后已被修改，您的修改尚未保存');
      expect(alert).toHaveTextContent('刘芳 于');
      expect(alert).toHaveTextContent(
        '被改动的内容：上门走访通知书（中文）的模板内容，现为第 2 版',
      );
      expect(alert).toHaveTextContent('您填写的内容仍在表单中。');
      // One text, not fields: saving it replaces version 2's wording whole, and it says so.
      expect(alert).toHaveTextContent(
        '在最新内容上保存您的改动，将以您的全文替换第 2 版（第 2 版仍保留在版本记录中）。',
      );
      // The page names the version now in force, not the one the editor opened on.
      expect(screen.getByText('当前版本：第 2 版')).toBeInTheDocument();
      expect(editor).toHaveValue(mine);
      // Told in place, not as an error toast as well.
      expect(screen.queryByText(/was changed after this form was opened/)).toBeNull();

      fireEvent.click(within(alert).getByRole('button', { name: '在最新内容上保存我的改动' }));
      await waitFor(() =>
        expect(saves(bridge)).toEqual([
          { kind: 'visitNotice', lang: 'zh', body: mine, baseVersion: 1 },
          { kind: 'visitNotice', lang: 'zh', body: mine, baseVersion: 2 },
        ]),
      );
      expect(await screen.findByText('已保存第 3 版')).toBeInTheDocument();
      expect(screen.queryByTestId('edited-elsewhere')).toBeNull();
      expect(editor).toHaveValue(mine);
      expect(screen.getByText('当前版本：第 3 版')).toBeInTheDocument();
    });

    it('loads the version now in force on request, and the next save starts from it', async () => {
      const bridge = renderStale();
      const { editor, alert } = await typeAndSave();
      fireEvent.click(within(alert).getByRole('button', { name: '放弃我的修改，载入最新内容' }));
      await waitFor(() => expect(editor).toHaveValue(theirs));
      expect(screen.queryByTestId('edited-elsewhere')).toBeNull();
      expect(screen.getByText('当前版本：第 2 版')).toBeInTheDocument();

      fireEvent.change(editor, { target: { value: mine } });
      fireEvent.click(screen.getByRole('button', { name: '保存为新版本' }));
      await waitFor(() =>
        expect(saves(bridge)).toEqual([
          { kind: 'visitNotice', lang: 'zh', body: mine, baseVersion: 1 },
          { kind: 'visitNotice', lang: 'zh', body: mine, baseVersion: 2 },
        ]),
      );
      expect(await screen.findByText('已保存第 3 版')).toBeInTheDocument();
    });
  });
});
