import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../electron/shared/result';
import type { AppState } from '../../../electron/shared/schemas/foundation';
import { App } from '../../../renderer/src/app/App';
import { ContactEventDialog } from '../../../renderer/src/features/cases/RecordDialogs';
import { asRole, fakeBridge, renderScreen } from '../support';

/**
 * A branch-server desk that cannot reach the server (issue 20) says so above every screen: the
 * banner comes when Electron main says the server cannot be reached (`desks:status`), asks
 * again at once on its button, and goes when main says the server is back; a form whose save
 * found no server keeps what was typed, and saves it as it stands once the server answers.
 */

const bannerText =
  '无法连接支行服务器：您的输入仍保留在屏幕上，未保存的修改不会被悄悄排队；正在重试…';

const locked: AppState = {
  phase: 'locked',
  branchName: '青山农商银行石桥支行',
  session: null,
  settings: null,
  problem: null,
  uncleanShutdown: false,
  server: '192.168.1.20:8443',
  branchServer: true,
  allowed: [],
};

const unreachable: Result<never> = {
  ok: false,
  error: {
    code: 'SERVER_UNREACHABLE',
    message: 'The branch server at https://192.168.1.20:8443 cannot be reached',
    details: { cause: 'ECONNREFUSED', requestSent: false },
  },
};

const banner = () => screen.queryByTestId('server-unreachable');

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('the banner while the branch server cannot be reached', () => {
  it('comes when main says so, asks the server again on its button, and goes when it is back', async () => {
    let answer: Result<AppState> = { ok: true, data: locked };
    const { calls, emit, listening } = fakeBridge({ 'auth:state': () => answer });
    const user = userEvent.setup();
    renderScreen(<App />);
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    expect(banner()).not.toBeInTheDocument();
    expect(listening('desks:status')).toBe(1);

    act(() => emit('desks:status', { reachable: false }));
    expect(banner()).toHaveTextContent(bannerText);
    // The sign-in screen stays underneath, with what was typed in it.
    await user.type(screen.getByLabelText(/用户名/), 'li.officer');

    // Asked at once: still no server. The banner stays; the failure is said in words.
    answer = unreachable;
    const before = calls.filter((c) => c.channel === 'auth:state').length;
    await user.click(screen.getByRole('button', { name: '立即重试' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'auth:state')).toHaveLength(before + 1),
    );
    expect(
      await screen.findByText('无法连接支行服务器；已输入的内容仍保留，请稍后重试'),
    ).toBeInTheDocument();
    expect(banner()).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: '立即重试' })).toBeEnabled());

    // Back: the banner goes, and the screen carries on with what was typed.
    answer = { ok: true, data: locked };
    act(() => emit('desks:status', { reachable: true }));
    expect(banner()).not.toBeInTheDocument();
    expect(screen.getByLabelText(/用户名/)).toHaveValue('li.officer');
  });

  it('says it in English when the screens are in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    const { emit } = fakeBridge({ 'auth:state': () => ({ ok: true, data: locked }) });
    renderScreen(<App />);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    act(() => emit('desks:status', { reachable: false }));
    expect(banner()).toHaveTextContent(
      'The branch server cannot be reached: what you typed stays on the screen, and changes not yet saved are not queued behind your back; retrying…',
    );
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeInTheDocument();
  });

  it('at start, when the first read found no server: shown at once, and the app goes on when the server is back', async () => {
    let answer: Result<AppState> = unreachable;
    const { calls, emit } = fakeBridge({ 'auth:state': () => answer });
    renderScreen(<App />);
    // Main said so before the window listened: the failed read itself brings the banner.
    expect(await screen.findByTestId('server-unreachable')).toHaveTextContent(bannerText);
    expect(screen.queryByRole('button', { name: '登录' })).not.toBeInTheDocument();

    answer = { ok: true, data: locked };
    const before = calls.length;
    act(() => emit('desks:status', { reachable: true }));
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    expect(banner()).not.toBeInTheDocument();
    expect(calls.slice(before).map((c) => c.channel)).toEqual(['auth:state']);
  });
});

describe('a form whose save found no server', () => {
  it('keeps what was typed and saves it as it stands once the server answers', async () => {
    let answer: Result<unknown> = unreachable;
    const { calls } = fakeBridge({ 'cases:addContactEvent': () => answer });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderScreen(
      asRole(
        'officer',
        <ContactEventDialog borrowerId={5} contacts={[]} onClose={() => {}} onSaved={onSaved} />,
      ),
    );
    await user.click(screen.getByLabelText('结果'));
    await user.click(await screen.findByRole('option', { name: '无人接听' }));
    await user.type(screen.getByLabelText('经过与要点'), '约定周五到网点面谈');
    await user.click(screen.getByRole('button', { name: '保存' }));

    // Said in the form; the dialog stays open with every value as typed; nothing saved.
    expect(
      await screen.findByText('无法连接支行服务器；已输入的内容仍保留，请稍后重试'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('经过与要点')).toHaveValue('约定周五到网点面谈');
    expect(screen.getByLabelText('结果')).toHaveTextContent('无人接听');
    expect(onSaved).not.toHaveBeenCalled();

    // The server answers again: the same values are sent, and saved.
    answer = { ok: true, data: { id: 9 } };
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const sent = calls.filter((c) => c.channel === 'cases:addContactEvent').map((c) => c.input);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[1]).toMatchObject({
      borrowerId: 5,
      kind: 'call',
      outcome: 'no_answer',
      note: '约定周五到网点面谈',
    });
  });
});

describe('a session the branch server ended', () => {
  it('says the server ended it, not that this PC locked itself, and shows sign-in', async () => {
    const { emit } = fakeBridge({ 'auth:state': () => ({ ok: true, data: locked }) });
    renderScreen(<App />);
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    act(() => emit('app:locked', { reason: 'serverEnded' }));
    expect(
      await screen.findByText(
        '支行服务器已结束本次登录（长时间未操作、服务器重启或本机登记被撤销），请重新登录',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('长时间未操作，已自动锁定')).not.toBeInTheDocument();
  });

  it('this PC’s own idle lock keeps its own words', async () => {
    const { emit } = fakeBridge({ 'auth:state': () => ({ ok: true, data: locked }) });
    renderScreen(<App />);
    expect(await screen.findByRole('button', { name: '登录' })).toBeInTheDocument();
    act(() => emit('app:locked', { reason: 'idle' }));
    expect(await screen.findByText('长时间未操作，已自动锁定')).toBeInTheDocument();
  });
});
