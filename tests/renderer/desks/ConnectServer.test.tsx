import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode, Result } from '../../../electron/shared/result';
import type { AppState } from '../../../electron/shared/schemas/foundation';
import { App } from '../../../renderer/src/app/App';
import { SetupPage } from '../../../renderer/src/features/setup/SetupPage';
import { fakeBridge, renderScreen } from '../support';

/** The fingerprint as the manager reads it out: 32 bytes in pairs, lower case, with colons. */
const spoken =
  '3f:a1:07:9c:e2:5b:44:d0:18:6a:bf:92:c3:7e:01:58:9d:2c:e6:74:a0:3b:f1:85:56:c9:0e:b7:42:1d:68:fa';
const pinned = spoken.replaceAll(':', '').toUpperCase();
const desk = {
  kind: 'branchServer' as const,
  address: 'https://192.168.1.20:8443',
  fingerprint: pinned,
  deskId: '5b0c7a52-2a4e-4f0e-9a55-0d6f3c1e8b21',
  deskName: '柜台二号机',
};

const address = () => screen.getByLabelText(/^服务器地址/);
const code = () => screen.getByLabelText(/^登记码/);
const fingerprint = () => screen.getByLabelText(/^证书指纹/);
const pcName = () => screen.getByLabelText(/^此电脑的名称/);

async function chooseConnect(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: '连接支行服务器' }));
}

/** Types a whole, valid form; the name last, so Enter can follow it. */
async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(address(), 'https://192.168.1.20:8443');
  await user.type(code(), '7k3m-q9tx-2hbd');
  await user.type(fingerprint(), spoken);
  await user.type(pcName(), '柜台二号机');
}

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('the first screen: connect to the branch server', () => {
  it('offers it beside a new branch; the form starts empty with the address focused', async () => {
    fakeBridge({});
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    // The new branch is the default, as before.
    expect(screen.getByRole('button', { name: '在此电脑上新建支行' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByLabelText(/^网点名称/)).toBeInTheDocument();
    await chooseConnect(user);
    expect(screen.queryByLabelText(/^网点名称/)).not.toBeInTheDocument();
    expect(address()).toHaveFocus();
    expect(address()).toHaveAttribute('placeholder', 'https://192.168.1.20:8443');
    expect(address()).toHaveValue('');
    expect(pcName()).toHaveValue('');
    expect(code()).toHaveValue('');
    expect(fingerprint()).toHaveValue('');
  });

  it('marks each wrong field in words and asks nothing', async () => {
    const { calls } = fakeBridge({});
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await chooseConnect(user);
    await user.type(address(), 'http://192.168.1.20:8443');
    await user.type(code(), '7K3M-Q9');
    await user.type(fingerprint(), '3f:a1:07');
    await user.click(screen.getByRole('button', { name: '连接' }));
    expect(
      await screen.findByText('请填写服务器地址，例如 https://192.168.1.20:8443'),
    ).toBeInTheDocument();
    expect(screen.getByText('登记码为 12 位，例如 7K3M-Q9TX-2HBD')).toBeInTheDocument();
    expect(screen.getByText('证书指纹应为 64 位十六进制字符（可带冒号）')).toBeInTheDocument();
    expect(screen.getByText('必填')).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('connects on Enter with the fingerprint as pinned, then moves on', async () => {
    const { calls } = fakeBridge({ 'desks:connect': () => ({ ok: true, data: desk }) });
    const onDone = vi.fn();
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={onDone} />);
    await chooseConnect(user);
    await fillIn(user);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(calls).toEqual([
      {
        channel: 'desks:connect',
        input: {
          address: 'https://192.168.1.20:8443',
          code: '7k3m-q9tx-2hbd',
          fingerprint: pinned,
          name: '柜台二号机',
        },
      },
    ]);
  });

  it.each<[ErrorCode, string, string]>([
    [
      'SERVER_CERT_MISMATCH',
      '服务器证书指纹与登记时的不符，已断开连接，未发送任何内容',
      '请与经理逐组核对指纹',
    ],
    [
      'SERVER_UNREACHABLE',
      '无法连接支行服务器；已输入的内容仍保留，请稍后重试',
      '请核对地址，并确认服务器已开启',
    ],
    [
      'DESK_NOT_ENROLLED',
      '此电脑未在支行服务器登记，请向经理索取登记码',
      '登记码错误、已用过或已过期，请向经理索取新码',
    ],
  ])(
    'tells %s in words, marks the field to check, and keeps what was typed',
    async (refusal, said, hint) => {
      const { calls } = fakeBridge({
        'desks:connect': (): Result<never> => ({
          ok: false,
          error: { code: refusal, message: 'refused' },
        }),
      });
      const onDone = vi.fn();
      const user = userEvent.setup();
      renderScreen(<SetupPage onDone={onDone} />);
      await chooseConnect(user);
      await fillIn(user);
      await user.click(screen.getByRole('button', { name: '连接' }));
      expect(await screen.findByTestId('connect-failure')).toHaveTextContent(said);
      expect(screen.getByText(hint)).toBeInTheDocument();
      expect(address()).toHaveValue('https://192.168.1.20:8443');
      expect(code()).toHaveValue('7k3m-q9tx-2hbd');
      expect(fingerprint()).toHaveValue(spoken);
      expect(pcName()).toHaveValue('柜台二号机');
      expect(onDone).not.toHaveBeenCalled();
      expect(calls).toHaveLength(1);
    },
  );

  it('puts the core’s own field errors on their fields', async () => {
    fakeBridge({
      'desks:connect': () => ({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'invalid',
          fields: { name: 'v.tooLong' },
        },
      }),
    });
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await chooseConnect(user);
    await fillIn(user);
    await user.keyboard('{Enter}');
    expect(await screen.findByText('内容过长')).toBeInTheDocument();
    expect(pcName()).toHaveAttribute('aria-invalid', 'true');
  });

  it('speaks English when the screen is in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    fakeBridge({
      'desks:connect': () => ({
        ok: false,
        error: { code: 'SERVER_CERT_MISMATCH', message: 'mismatch' },
      }),
    });
    const user = userEvent.setup();
    renderScreen(<SetupPage onDone={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Connect to the branch server' }));
    await user.type(screen.getByLabelText(/^Server address/), 'https://192.168.1.20:8443');
    await user.type(screen.getByLabelText(/^Enrolment code/), '7K3M-Q9TX-2HBD');
    await user.type(screen.getByLabelText(/^Certificate fingerprint/), spoken);
    await user.type(screen.getByLabelText(/^This PC’s name/), 'Counter 2');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('connect-failure')).toHaveTextContent(
      'The server’s certificate fingerprint does not match',
    );
    expect(
      screen.getByText('Check the fingerprint with the manager, group by group'),
    ).toBeInTheDocument();
  });
});

describe('the app after connecting', () => {
  it('reads its state again and shows the sign-in', async () => {
    const setup: AppState = {
      phase: 'setup',
      branchName: null,
      session: null,
      settings: null,
      problem: null,
      uncleanShutdown: false,
      server: null,
      allowed: [],
    };
    let state = setup;
    const { calls } = fakeBridge({
      'auth:state': () => ({ ok: true, data: state }),
      'desks:connect': () => {
        state = { ...setup, phase: 'locked', branchName: '青山农商银行石桥支行' };
        return { ok: true, data: desk };
      },
    });
    const user = userEvent.setup();
    renderScreen(<App />);
    await user.click(await screen.findByRole('button', { name: '连接支行服务器' }));
    await fillIn(user);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    expect(screen.getByText('青山农商银行石桥支行')).toBeInTheDocument();
    expect(calls.map((c) => c.channel)).toEqual(['auth:state', 'desks:connect', 'auth:state']);
  });
});
