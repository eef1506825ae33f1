import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import {
  documentKinds,
  type DocumentData,
  type DocumentKind,
  type DocumentLang,
} from '../../../electron/shared/schemas/notices';
import { PrintRoute } from '../../../renderer/src/print/PrintRoute';
import { VisitNotice } from '../../../renderer/src/print/VisitNotice';
import { sampleDocument } from '../../../renderer/src/print/samples';

const sample = (kind: DocumentKind, lang: DocumentLang = 'zh', extra = {}) =>
  sampleDocument(kind, lang, { version: 0, body: defaultTemplates[kind][lang] }, extra);

const notice = (overrides: Partial<Extract<DocumentData, { kind: 'visitNotice' }>> = {}) => {
  const doc = sample('visitNotice');
  if (doc.kind !== 'visitNotice') throw new Error('sample kind');
  return { ...doc, ...overrides };
};

describe('visit notice layout', () => {
  it('prints the borrower, the amount in capitals, the staff numbers and the rights', () => {
    const { container } = render(<VisitNotice doc={notice()} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('上门走访通知书');
    expect(screen.getAllByText(/李秀兰/).length).toBeGreaterThan(0);
    expect(container).toHaveTextContent('330127********4215');
    // ¥12,345.67 overdue: in the opening sentence and in the loan table's total.
    expect(screen.getAllByText(/人民币壹万贰仟叁佰肆拾伍元陆角柒分/).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(container).toHaveTextContent('¥12,345.67');
    const staff = container.querySelector('[data-field="visit.staff"]');
    expect(staff).toHaveTextContent(
      '陈志强（工号 A012，证书编号 CS-ZJ-2024-0312）刘芳（工号 A015，证书编号 CS-ZJ-2025-0087）',
    );
    expect(screen.getByRole('heading', { name: '您的权利' })).toBeInTheDocument();
    expect(container).toHaveTextContent('未经您同意，工作人员不会进入您的住宅');
    expect(container).toHaveTextContent('投诉热线 0571-88889999');
    expect(screen.getByRole('heading', { name: '个人信息保护声明' })).toBeInTheDocument();
    expect(container).toHaveTextContent('编号：QS001-2025-000123');
    expect(container).toHaveTextContent('2025年3月7日');
    expect(container).toHaveTextContent('09:30–11:30');
    // The tear-off slip with its cut line.
    expect(screen.getByRole('heading', { name: '回执' })).toBeInTheDocument();
    expect(container).toHaveTextContent('借款人签字');
    // The designated channels as a list.
    const channels = container.querySelector('ul[data-field="repayment.channels"]');
    expect(within(channels as HTMLElement).getAllByRole('listitem')).toHaveLength(3);
  });

  it('prints values as text, never as markup', () => {
    const doc = notice();
    const hostile = {
      ...doc,
      borrower: { ...doc.borrower, name: '<img src=x onerror=alert(1)><script>alert(2)</script>' },
      template: {
        version: 9,
        body: doc.template.body.replace(
          '[[body]]\n',
          '[[body]]\n<b>粗体</b><script>alert(3)</script>',
        ),
      },
    };
    const { container } = render(<VisitNotice doc={hostile} />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect([...container.querySelectorAll('b')].some((b) => b.textContent === '粗体')).toBe(false);
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(container).toHaveTextContent('<b>粗体</b><script>alert(3)</script>');
  });

  it('marks a reprint as a copy (副本)', () => {
    const { container } = render(<VisitNotice doc={notice({ isCopy: true })} />);
    expect(container.querySelector('article')).toHaveAttribute('data-copy', 'true');
    expect(screen.getAllByText('副本').length).toBeGreaterThanOrEqual(1);
    render(<VisitNotice doc={notice({ isCopy: false, referenceNo: 'QS001-2025-000124' })} />);
    expect(document.querySelectorAll('article[data-copy="true"]')).toHaveLength(1);
  });

  it('shows the template problem, with its position, instead of printing', () => {
    const doc = notice();
    const broken = {
      ...doc,
      template: {
        version: 3,
        body: doc.template.body.replace('{{borrower.name}}', '{{borrower.nmae}}'),
      },
    };
    render(<VisitNotice doc={broken} />);
    expect(screen.getByRole('alert')).toHaveTextContent('未知的占位符 {{borrower.nmae}}');
    expect(screen.getByRole('alert')).toHaveTextContent('第 5 行');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });

  it('prints in English when the document is English', () => {
    const { container } = render(<VisitNotice doc={sample('visitNotice', 'en') as never} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Notice of a Home Visit');
    expect(container).toHaveTextContent(
      '陈志强 (staff no. A012, certificate no. CS-ZJ-2024-0312)刘芳 (staff no. A015, certificate no. CS-ZJ-2025-0087)',
    );
    expect(container).toHaveTextContent('Ref.: QS001-2025-000123');
    expect(container).toHaveTextContent('7 March 2025');
  });
});

describe('print route', () => {
  it('renders a batch as one page per document, in order', async () => {
    const documents = [
      sample('visitNotice', 'zh', { referenceNo: 'QS001-2025-000001' }),
      sample('visitNotice', 'zh', { referenceNo: 'QS001-2025-000002' }),
      sample('visitNotice', 'zh', { referenceNo: 'QS001-2025-000003' }),
    ];
    const { container } = render(<PrintRoute documents={documents} />);
    const pages = container.querySelectorAll('article.doc');
    expect([...pages].map((p) => p.getAttribute('data-reference'))).toEqual([
      'QS001-2025-000001',
      'QS001-2025-000002',
      'QS001-2025-000003',
    ]);
    await screen.findByText((_t, el) => el?.getAttribute('data-print-ready') === 'true');
  });

  it.each(documentKinds)('lays out a %s in both languages', (kind) => {
    const { container } = render(
      <PrintRoute documents={[sample(kind, 'zh'), sample(kind, 'en')]} />,
    );
    expect(container.querySelectorAll(`article[data-kind="${kind}"]`)).toHaveLength(2);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(2);
  });
});
