import { defineText } from '../../i18n/define';
/** Texts of settings cards added after the foundation (the foundation's live in i18n/zh|en.ts). */
export const settingsText = defineText(
  {
    'recordsSettings.title': '承诺还款规则',
    'recordsSettings.subtitle': '判断承诺还款和分期是否履约',
    'recordsSettings.graceDays': '到期后宽限天数',
    'recordsSettings.days': '天',
    'recordsSettings.graceRange': '0–31 天；0 表示须在到期日当天或之前还款',
    'recordsSettings.help':
      '借款人在承诺还款日（或分期到期日）之后这几天内到账的还款，仍算按约履行——银行转账通常需要一到两天到账。修改从下一次评估起生效：尚未判定的承诺和进行中的还款计划按新的宽限期判断。修改会记入审计日志。',
  },
  {
    'recordsSettings.title': 'Promise-to-pay rules',
    'recordsSettings.subtitle': 'How promises and instalments are judged kept or broken',
    'recordsSettings.graceDays': 'Grace after the due date',
    'recordsSettings.days': 'days',
    'recordsSettings.graceRange': '0–31 days; 0 means paid on or before the due date',
    'recordsSettings.help':
      'A payment that arrives within this many days after the promised date (or an instalment’s due date) still counts as kept: bank transfers take a day or two to arrive. The change applies from the next evaluation: promises not yet judged and running repayment plans are judged with the new grace. The change is recorded in the audit log.',
  },
);
