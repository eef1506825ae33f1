import { defineText } from '../../i18n/define';

/** The visit-loans field's texts (VisitLoansField.tsx), apart so the text tables load without it. */
export const visitLoansText = defineText(
  {
    'visitLoans.label': '走访涉及的贷款',
    'visitLoans.overdue': '{{loanNo}}（逾期 {{amount}}，{{bucket}}）',
    'visitLoans.current': '{{loanNo}}（未逾期）',
    'visitLoans.allOverdue': '不勾选：本次走访涉及该借款人的全部逾期贷款',
    'visitLoans.narrowed': '本次走访只涉及勾选的贷款；回收金额按这些贷款统计',
  },
  {
    'visitLoans.label': 'Loans the visit is about',
    'visitLoans.overdue': '{{loanNo}} ({{amount}} overdue, {{bucket}})',
    'visitLoans.current': '{{loanNo}} (not overdue)',
    'visitLoans.allOverdue': 'None ticked: the visit is about all of the borrower’s overdue loans',
    'visitLoans.narrowed':
      'The visit is about the ticked loans only; amount collected counts these loans',
  },
);
