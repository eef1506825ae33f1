import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetPurposes } from '../../../renderer/src/components/purpose-memory';
import { CaseExportButton } from '../../../renderer/src/features/cases/CaseExportButton';
import { asRole } from '../support';
import { fakeBridge, renderScreen } from '../support';

const filter = {
  sort: 'dpd' as const,
  direction: 'desc' as const,
  search: '',
  township: '石桥镇',
  buckets: ['M2' as const],
};
const exported = () => ({
  ok: true as const,
  data: {
    fileName: '案件清单-20260301.csv',
    contentBase64: btoa('x'),
    rows: 12,
    fullNumbers: false,
  },
});

beforeEach(() => {
  forgetPurposes();
  // jsdom has no object URLs; the rest of URL stays (the lazily loaded dialog needs it).
  URL.createObjectURL = () => 'blob:x';
  URL.revokeObjectURL = () => {};
});

describe('case list export button', () => {
  it('a clerk exports the filtered list, masked, after stating the purpose', async () => {
    const { calls } = fakeBridge({ 'cases:export': exported });
    const user = userEvent.setup();
    renderScreen(asRole('clerk', <CaseExportButton filter={filter} total={12} />));
    await user.click(screen.getByRole('button', { name: '导出清单' }));
    expect(
      await screen.findByText(/当前筛选条件下的 12 个案件（身份证号、手机号已脱敏）/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/包含完整身份证号/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '报送总行月度报表' }));
    await user.click(screen.getByRole('button', { name: '导出' }));
    await waitFor(() =>
      expect(calls).toEqual([
        {
          channel: 'cases:export',
          input: { ...filter, purpose: '报送总行月度报表', fullNumbers: false, lang: 'zh' },
        },
      ]),
    );
    expect(await screen.findByText('已导出 12 个案件：案件清单-20260301.csv')).toBeInTheDocument();
  });

  it('a manager may ask for full numbers; an officer has no export at all', async () => {
    const { calls } = fakeBridge({ 'cases:export': exported });
    const user = userEvent.setup();
    const view = renderScreen(asRole('manager', <CaseExportButton filter={filter} total={12} />));
    await user.click(screen.getByRole('button', { name: '导出清单' }));
    await user.click(await screen.findByLabelText('包含完整身份证号和手机号（否则脱敏）'));
    expect(screen.getByText(/身份证号、手机号为完整号码/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('导出用途'), '配合监管现场检查');
    await user.click(screen.getByRole('button', { name: '导出' }));
    await waitFor(() =>
      expect(calls[0]?.input).toMatchObject({ fullNumbers: true, purpose: '配合监管现场检查' }),
    );
    view.unmount();
    renderScreen(asRole('officer', <CaseExportButton filter={filter} total={12} />));
    expect(screen.queryByRole('button', { name: '导出清单' })).not.toBeInTheDocument();
  });

  it('is disabled for an empty list or one too long for a single export', () => {
    fakeBridge({});
    const view = renderScreen(asRole('clerk', <CaseExportButton filter={filter} total={0} />));
    expect(screen.getByRole('button', { name: '导出清单' })).toBeDisabled();
    view.unmount();
    renderScreen(asRole('clerk', <CaseExportButton filter={filter} total={50_001} />));
    expect(screen.getByRole('button', { name: '导出清单' })).toBeDisabled();
  });
});
