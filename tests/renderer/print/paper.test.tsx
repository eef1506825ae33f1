import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type {
  DocumentKind,
  DocumentLang,
  DocumentOf,
} from '../../../electron/shared/schemas/notices';
import { DayRouteSheet } from '../../../renderer/src/print/DayRouteSheet';
import { DemandLetter } from '../../../renderer/src/print/Letters';
import { PaymentReceipt } from '../../../renderer/src/print/PaymentReceipt';
import { VisitNotice } from '../../../renderer/src/print/VisitNotice';
import { sampleDocument } from '../../../renderer/src/print/samples';

function sample<K extends DocumentKind>(kind: K, lang: DocumentLang = 'zh'): DocumentOf<K> {
  const doc = sampleDocument(kind, lang, { version: 0, body: defaultTemplates[kind][lang] });
  if (doc.kind !== kind) throw new Error('sample kind');
  return doc as DocumentOf<K>;
}

const field = (container: HTMLElement, name: string) =>
  container.querySelector(`[data-field="${name}"]`);

describe('visit notice: the overdue amount itemised', () => {
  // The sample loan: ¥11,000.00 principal + ¥985.67 interest + ¥360.00 penalty = ¥12,345.67.
  it('lists principal, interest and penalty with the total, in figures and in capitals', () => {
    const { container } = render(<VisitNotice doc={sample('visitNotice')} />);
    const table = field(container, 'loans.breakdown') as HTMLElement;
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual([
      '借款合同编号',
      '借款金额',
      '逾期本金',
      '逾期利息',
      '罚息',
      '逾期合计',
      '逾期起始日',
      '逾期天数',
    ]);
    expect(field(container, 'overdue.principal')).toHaveTextContent('¥11,000.00');
    expect(field(container, 'overdue.interest')).toHaveTextContent('¥985.67');
    expect(field(container, 'overdue.penalty')).toHaveTextContent('¥360.00');
    expect(field(container, 'overdue.total')).toHaveTextContent('¥12,345.67');
    expect(field(container, 'overdue.capitals')).toHaveTextContent(
      '大写：逾期本金 人民币壹万壹仟元整；逾期利息 人民币玖佰捌拾伍元陆角柒分；罚息 人民币叁佰陆拾元整；逾期合计 人民币壹万贰仟叁佰肆拾伍元陆角柒分',
    );
  });

  it('adds the parts of several loans', () => {
    const doc = sample('visitNotice');
    const second = {
      ...doc.loans[0]!,
      loanNo: 'QS2024-00102',
      overdueFen: 100_005,
      overduePrincipalFen: 100_000,
      overdueInterestFen: 5,
      penaltyFen: 0,
    };
    const { container } = render(<VisitNotice doc={{ ...doc, loans: [doc.loans[0]!, second] }} />);
    // 1,100,000 + 100,000 = 1,200,000; 98,567 + 5 = 98,572; 36,000 + 0; total 1,334,572.
    expect(field(container, 'overdue.principal')).toHaveTextContent('¥12,000.00');
    expect(field(container, 'overdue.interest')).toHaveTextContent('¥985.72');
    expect(field(container, 'overdue.total')).toHaveTextContent('¥13,345.72');
    expect(field(container, 'overdue.capitals')).toHaveTextContent(
      '逾期合计 人民币壹万叁仟叁佰肆拾伍元柒角贰分',
    );
  });

  it('a notice printed before the parts were kept shows the single amount', () => {
    const doc = sample('visitNotice');
    const { overduePrincipalFen, overdueInterestFen, penaltyFen, ...loan } = doc.loans[0]!;
    expect(overduePrincipalFen! + overdueInterestFen! + penaltyFen!).toBe(loan.overdueFen);
    const { container } = render(<VisitNotice doc={{ ...doc, loans: [loan] }} />);
    expect(field(container, 'loans.breakdown')).toBeNull();
    expect(container).toHaveTextContent('逾期金额合计（大写）：人民币壹万贰仟叁佰肆拾伍元陆角柒分');
  });

  it('names the staff with staff and certificate numbers, and the borrower’s address', () => {
    const { container } = render(<VisitNotice doc={sample('visitNotice')} />);
    const staff = field(container, 'visit.staff') as HTMLElement;
    expect(staff.children).toHaveLength(2);
    expect(staff.children[0]).toHaveTextContent('陈志强（工号 A012，证书编号 CS-ZJ-2024-0312）');
    expect(staff.children[1]).toHaveTextContent('刘芳（工号 A015，证书编号 CS-ZJ-2025-0087）');
    expect(screen.getByText('借款人住址')).toBeInTheDocument();
    expect(field(container, 'borrower.address')).toHaveTextContent(
      '浙江省青山县石桥镇溪口村 3 组 17 号',
    );
  });

  it('in English, the same facts', () => {
    const { container } = render(<VisitNotice doc={sample('visitNotice', 'en')} />);
    expect(field(container, 'overdue.capitals')).toHaveTextContent(
      'In Chinese capitals: Overdue principal 人民币壹万壹仟元整; Overdue interest 人民币玖佰捌拾伍元陆角柒分; Penalty interest 人民币叁佰陆拾元整; Total overdue 人民币壹万贰仟叁佰肆拾伍元陆角柒分',
    );
    expect(container).toHaveTextContent('certificate no. CS-ZJ-2024-0312');
    expect(container).toHaveTextContent('Borrower’s address');
  });
});

describe('receipt: two numbers, dated when the money was taken', () => {
  it('prints its receipt number and its document reference, and the payment’s date', () => {
    const doc = {
      ...sample('paymentReceipt'),
      referenceNo: 'QS001-2025-000123',
      issueDate: '2025-03-07',
      paidAt: '2025-03-07T10:40',
    };
    const { container } = render(<PaymentReceipt doc={doc} />);
    expect(field(container, 'receipt.no')).toHaveTextContent('收据编号：QS001-SJ-2025-000031');
    expect(field(container, 'document.referenceNo')).toHaveTextContent(
      '文书编号：QS001-2025-000123',
    );
    expect(field(container, 'document.issueDate')).toHaveTextContent('收款日期：2025年3月7日');
    expect(container).toHaveTextContent('2025年3月7日 10:40');
  });
});

describe('demand letter: reminders only when there were some', () => {
  const letter = (priorReminders: number | undefined, lang: DocumentLang = 'zh') => {
    const doc = sample('demandLetter', lang);
    const { priorReminders: _sample, ...rest } = doc;
    return priorReminders === undefined ? rest : { ...rest, priorReminders };
  };

  it('says 多次提醒 after two or more reminders, 提醒 after one, neither after none', () => {
    const many = render(<DemandLetter doc={letter(2)} />);
    expect(many.container).toHaveTextContent('已逾期 104 天，经我行多次提醒仍未归还。');
    many.unmount();
    const one = render(<DemandLetter doc={letter(1)} />);
    expect(one.container).toHaveTextContent('已逾期 104 天，经我行提醒仍未归还。');
    one.unmount();
    const none = render(<DemandLetter doc={letter(0)} />);
    expect(none.container).toHaveTextContent('已逾期 104 天，至今仍未归还。');
    expect(none.container).not.toHaveTextContent('提醒');
  });

  it('in English, "despite our earlier reminders" only with a record of them', () => {
    const none = render(<DemandLetter doc={letter(0, 'en')} />);
    expect(none.container).toHaveTextContent('overdue for 104 days and remain unpaid. As of');
    expect(none.container).not.toHaveTextContent('reminder');
    none.unmount();
    const many = render(<DemandLetter doc={letter(3, 'en')} />);
    expect(many.container).toHaveTextContent('remain unpaid despite our earlier reminders.');
  });
});

describe('day route sheet', () => {
  it('has phone and house-number columns, a wide result column and two signature lines', () => {
    const { container } = render(<DayRouteSheet doc={sample('dayRouteSheet')} />);
    const table = screen.getByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual([
      '序号',
      '时间',
      '借款人',
      '电话',
      '乡镇、村',
      '门牌号',
      '借款合同',
      '逾期金额',
      '逾期天数',
      '走访人员',
      '事由',
      '结果（手填）',
    ]);
    const widths = [...container.querySelectorAll('col')].map((col) =>
      Number.parseFloat(col.style.width),
    );
    expect(widths.reduce((a, b) => a + b, 0)).toBe(100);
    // The hand-written result is the widest column.
    expect(widths[widths.length - 1]).toBe(Math.max(...widths));
    const [first] = within(table).getAllByRole('row').slice(1);
    const cells = within(first!).getAllByRole('cell');
    expect(cells[2]).toHaveTextContent('李秀兰330127********4215');
    // Name and masked ID on one line each.
    for (const name of ['stop.name', 'stop.maskedId']) {
      expect(cells[2]!.querySelector(`[data-field="${name}"]`)).toHaveClass('nowrap');
    }
    expect(cells[3]).toHaveTextContent('13857112345');
    expect(cells[4]).toHaveTextContent('石桥镇 溪口村');
    expect(cells[5]).toHaveTextContent('3 组 17 号');
    // The purpose in the screen's words (planning's visitPurpose labels).
    expect(cells[10]).toHaveTextContent('协商还款');
    expect(container.querySelector('[data-field="print.route.leaderSign"]')).toHaveTextContent(
      '走访组长（签字）日期',
    );
    expect(container.querySelector('[data-field="print.route.managerSign"]')).toHaveTextContent(
      '行长（签字）日期',
    );
  });

  it('prints its stops in the order given, numbered as on the screen', () => {
    const doc = sample('dayRouteSheet');
    const reversed = { ...doc, route: { ...doc.route, stops: [...doc.route.stops].reverse() } };
    const { container } = render(<DayRouteSheet doc={reversed} />);
    expect(
      [...container.querySelectorAll('tr[data-stop]')].map((tr) => tr.getAttribute('data-stop')),
    ).toEqual(['2', '1']);
  });
});
