import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type { Role } from '../../../electron/shared/roles';
import type { TemplateVersionRow } from '../../../electron/shared/schemas/notices';
import { TemplateHistory } from '../../../renderer/src/features/notices/TemplateHistory';
import { fakeBridge } from '../support';
import { renderAs } from '../support';

const base = defaultTemplates.visitNotice.zh;
const version = (n: number, body: string, isCurrent = false): TemplateVersionRow => ({
  kind: 'visitNotice',
  lang: 'zh',
  version: n,
  body,
  createdBy: n === 0 ? null : '王建国',
  createdByNo: n === 0 ? null : 'M001',
  createdAt: n === 0 ? null : `2026-05-0${n}T02:00:00.000Z`,
  isCurrent,
});
const versions = [
  version(2, base.replace('上门走访通知书', '家访通知书'), true),
  version(1, base.replace('上门走访通知书', '上门走访告知书')),
  version(0, base),
];

function renderHistory(role: Role) {
  const onRestored = vi.fn();
  const bridge = fakeBridge({
    'notices:templateVersions': () => ({ ok: true, data: versions }),
    'notices:restoreTemplate': () => ({
      ok: true,
      data: {
        kind: 'visitNotice',
        lang: 'zh',
        version: 3,
        body: versions[1]!.body,
        createdBy: '王建国',
        createdAt: '2026-05-20T02:00:00.000Z',
        isDefault: false,
        defaultBody: base,
      },
    }),
  });
  renderAs(
    role,
    <TemplateHistory kind="visitNotice" lang="zh" revision={0} onRestored={onRestored} />,
  );
  return { bridge, onRestored };
}

describe('the template version history', () => {
  it('lists the versions newest first, with who saved them and which is in force', async () => {
    renderHistory('manager');
    const list = screen.getByRole('list', { name: '版本记录' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const [v2, v1, v0] = within(list).getAllByRole('listitem');
    expect(v2).toHaveTextContent('v2');
    expect(v2).toHaveTextContent('现行');
    expect(v2).toHaveTextContent('王建国（M001）');
    expect(v1).not.toHaveTextContent('现行');
    expect(v0).toHaveTextContent('内置默认内容');
  });

  it('lets the manager view an older version and restore it as a new version', async () => {
    const { bridge, onRestored } = renderHistory('manager');
    fireEvent.click(await screen.findByRole('button', { name: '查看 v1' }));
    const dialog = await screen.findByRole('dialog', { name: /上门走访通知书（中文）第 1 版/ });
    expect(within(dialog).getByTestId('template-version-text')).toHaveTextContent('上门走访告知书');
    // Drawn on sample data by the real layout.
    expect(within(dialog).getByTestId('document-preview')).toHaveTextContent('上门走访告知书');
    fireEvent.click(within(dialog).getByRole('button', { name: '恢复此版本' }));
    await waitFor(() =>
      expect(onRestored).toHaveBeenCalledWith(expect.objectContaining({ version: 3 })),
    );
    expect(bridge.calls.find((c) => c.channel === 'notices:restoreTemplate')?.input).toEqual({
      kind: 'visitNotice',
      lang: 'zh',
      version: 1,
      baseVersion: 2,
    });
    expect(await screen.findByText('已恢复第 1 版，保存为第 3 版')).toBeInTheDocument();
    // The list is read again after the restore.
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.channel === 'notices:templateVersions')).toHaveLength(2),
    );
  });

  it('is refused when another desk saved since the list was read, and reads the list again', async () => {
    const onRestored = vi.fn();
    const bridge = fakeBridge({
      'notices:templateVersions': () => ({ ok: true, data: versions }),
      'notices:restoreTemplate': () => ({
        ok: false,
        error: {
          code: 'STALE_VERSION',
          message: 'document_template visitNotice:zh was changed after this form was opened',
          details: {
            current: { ...versions[0]!, version: 3, isDefault: false, defaultBody: base },
            version: '3',
            by: '刘芳',
            at: '2026-05-20T02:00:00.000Z',
          },
        },
      }),
    });
    renderAs(
      'manager',
      <TemplateHistory kind="visitNotice" lang="zh" revision={0} onRestored={onRestored} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '查看 v1' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '恢复此版本' }));
    expect(
      await screen.findByText('这条记录在您打开后已被他人修改，您的修改尚未保存'),
    ).toBeInTheDocument();
    expect(bridge.calls.find((c) => c.channel === 'notices:restoreTemplate')?.input).toEqual({
      kind: 'visitNotice',
      lang: 'zh',
      version: 1,
      baseVersion: 2,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.channel === 'notices:templateVersions')).toHaveLength(2),
    );
    expect(onRestored).not.toHaveBeenCalled();
  });

  it('offers no restore for the version in force', async () => {
    renderHistory('manager');
    fireEvent.click(await screen.findByRole('button', { name: '查看 v2' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('button', { name: '恢复此版本' })).toBeNull();
  });

  it('lets an officer view versions but not restore them', async () => {
    const { bridge } = renderHistory('officer');
    expect(screen.getByText('只有行长可以恢复旧版本')).toBeInTheDocument();
    fireEvent.click(await screen.findByRole('button', { name: '查看 v1' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('template-version-text')).toHaveTextContent('上门走访告知书');
    expect(within(dialog).queryByRole('button', { name: '恢复此版本' })).toBeNull();
    expect(bridge.calls.some((c) => c.channel === 'notices:restoreTemplate')).toBe(false);
  });
});
