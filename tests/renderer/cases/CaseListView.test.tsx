import { ThemeProvider } from '@mui/material';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { themeFor } from '../../../renderer/src/app/theme';
import { ToastProvider } from '../../../renderer/src/components/Toasts';
import { CaseListPage } from '../../../renderer/src/features/cases/CaseListPage';
import { DEFAULT_VIEW } from '../../../renderer/src/features/cases/list-view-default';
import { asRole, fakeBridge } from '../support';

/**
 * The case list reads its view from the address. The first screen needs no schema for an
 * address without a view or with one of only the pager, sort and search; one with filters waits
 * for the schema, then asks for exactly that view.
 */

// jsdom has no ResizeObserver; the list measures its box with one.
beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});

const empty = { rows: [], total: 0, asOf: '2026-03-10', searchTooShort: false };

function listAt(entry: string) {
  const { calls } = fakeBridge({
    'cases:list': () => ({ ok: true, data: empty }),
    'cases:officers': () => ({ ok: true, data: [] }),
  });
  render(
    <ThemeProvider theme={themeFor('zh-CN')}>
      <ToastProvider>
        <MemoryRouter initialEntries={[entry]}>{asRole('clerk', <CaseListPage />)}</MemoryRouter>
      </ToastProvider>
    </ThemeProvider>,
  );
  return calls;
}

const listInputs = (calls: { channel: string; input: unknown }[]) =>
  calls.filter((c) => c.channel === 'cases:list').map((c) => c.input);

describe('the case list’s view from the address', () => {
  it('with a view of only the pager, sort and search shows the list at once and asks for it', async () => {
    // As the list writes it: the whole view, its filters as they are by default.
    const view = { ...DEFAULT_VIEW, page: 1, pageSize: 50, sort: 'name', direction: 'asc' };
    const calls = listAt(`/?view=${encodeURIComponent(JSON.stringify(view))}`);
    // On the first render, before anything has loaded: the table, not the loading bar.
    expect(screen.getByRole('grid')).toBeInTheDocument();
    await waitFor(() => expect(listInputs(calls)).toHaveLength(1));
    expect(listInputs(calls)[0]).toMatchObject({ page: 1, pageSize: 50, sort: 'name' });
  });

  it('without a view asks for the first page, most days overdue first', async () => {
    const calls = listAt('/');
    await waitFor(() => expect(listInputs(calls)).toHaveLength(1));
    expect(listInputs(calls)[0]).toMatchObject({
      page: 0,
      pageSize: 25,
      sort: 'dpd',
      direction: 'desc',
      buckets: [],
    });
  });

  it('with a view (coming back from a case) asks for that view, page and filters', async () => {
    const view = { page: 2, buckets: ['M3'], sort: 'name', direction: 'asc' };
    const calls = listAt(`/?view=${encodeURIComponent(JSON.stringify(view))}`);
    // The list waits for the view's schema, which loads on demand.
    await waitFor(() => expect(listInputs(calls).length).toBeGreaterThan(0), { timeout: 5000 });
    expect(listInputs(calls)[0]).toMatchObject(view);
  });
});
