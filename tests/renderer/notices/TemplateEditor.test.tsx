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
});
