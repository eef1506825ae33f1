import { ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { theme } from '../../renderer/src/app/theme';
import { ToastProvider } from '../../renderer/src/components/Toasts';
import type { Result } from '../../electron/shared/result';

type Responder = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/**
 * Puts a fake `window.visitdesk` in place: each channel answers from `responders`, and every
 * call is recorded. Component tests check the form's own behaviour; the real core is covered
 * by unit and end-to-end tests.
 */
export function fakeBridge(responders: Record<string, Responder>) {
  const calls: { channel: string; input: unknown }[] = [];
  const bridge = new Proxy(
    {},
    {
      get: (_target, channel: string) => {
        if (channel === 'on') return () => () => {};
        return async (input: unknown) => {
          calls.push({ channel, input });
          const responder = responders[channel];
          if (!responder)
            return { ok: false, error: { code: 'INTERNAL', message: `no fake for ${channel}` } };
          return responder(input);
        };
      },
    },
  );
  vi.stubGlobal('visitdesk', bridge);
  return { calls };
}

export function renderScreen(element: ReactElement) {
  return render(
    <ThemeProvider theme={theme}>
      <ToastProvider>
        <MemoryRouter>{element}</MemoryRouter>
      </ToastProvider>
    </ThemeProvider>,
  );
}
