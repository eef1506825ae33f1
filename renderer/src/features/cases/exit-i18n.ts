import { defineText } from '../../i18n/define';

/** Texts of a case leaving doorstep collection (the manager's exit and its undoing). */
export const caseExitText = defineText(
  {
    'cases.exit.action': '转出催收',
    'cases.exit.title': '{{name}}：退出上门催收',
    'cases.exit.warning':
      '退出后不能再安排走访；未到期的还款承诺、未完成的还款计划、待审批的减免与和解以及待办回访将关闭，今天及以后尚未进行的走访将取消。已发生的走访、记录和还款保留不变，以前月份的统计不受影响。',
    'cases.exit.kind': '去向',
    'cases.exit.kind.written_off': '核销',
    'cases.exit.kind.litigation': '转入诉讼',
    'cases.exit.kind.agency': '委托外部机构',
    'cases.exit.kind.settled': '和解结清',
    'cases.exit.exitOn': '生效日期',
    'cases.exit.reference': '文号',
    'cases.exit.referenceHelp': '核销批复、法院案号或委托合同编号',
    'cases.exit.note': '说明',
    'cases.exit.submit': '确认退出',
    'cases.exit.done':
      '已退出上门催收：关闭承诺 {{promisesClosed}} 个、还款计划 {{plansClosed}} 个、待审批减免 {{waiversClosed}} 项、回访 {{followUpsClosed}} 个，取消走访 {{visitsCancelled}} 次',
    'cases.exit.banner': '该案件已于 {{date}} {{kind}}（文号 {{reference}}），已退出上门催收',
    'cases.exit.bannerBy': '设置人：{{name}}',
    'cases.exit.reopen': '撤销退出',
    'cases.exit.reopenTitle': '{{name}}：撤销退出上门催收',
    'cases.exit.reopenReason': '撤销理由',
    'cases.exit.reopenHelp': '例如：委外合同未签订，案件收回网点',
    'cases.exit.reopened': '已撤销，案件恢复上门催收',
  },
  {
    'cases.exit.action': 'Leave doorstep collection',
    'cases.exit.title': '{{name}}: leave doorstep collection',
    'cases.exit.warning':
      'No visit can be planned afterwards; pending promises, unfinished repayment plans, waivers and settlements awaiting approval, and open follow-ups close, and visits from today on that have not taken place are cancelled. Visits, records and payments that happened stay, and earlier months’ figures do not change.',
    'cases.exit.kind': 'Where it goes',
    'cases.exit.kind.written_off': 'Written off',
    'cases.exit.kind.litigation': 'Litigation',
    'cases.exit.kind.agency': 'Outside agency',
    'cases.exit.kind.settled': 'Settled',
    'cases.exit.exitOn': 'Effective date',
    'cases.exit.reference': 'Reference',
    'cases.exit.referenceHelp':
      'The write-off approval, the court case number or the agency contract',
    'cases.exit.note': 'Note',
    'cases.exit.submit': 'Confirm',
    'cases.exit.done':
      'Left doorstep collection: {{promisesClosed}} promises, {{plansClosed}} plans, {{waiversClosed}} waivers awaiting approval and {{followUpsClosed}} follow-ups closed, {{visitsCancelled}} visits cancelled',
    'cases.exit.banner':
      'This case left doorstep collection on {{date}}: {{kind}} (ref. {{reference}})',
    'cases.exit.bannerBy': 'Set by {{name}}',
    'cases.exit.reopen': 'Undo',
    'cases.exit.reopenTitle': '{{name}}: undo leaving doorstep collection',
    'cases.exit.reopenReason': 'Reason',
    'cases.exit.reopenHelp':
      'For example: the agency contract was not signed; the case returns to the branch',
    'cases.exit.reopened': 'Undone: the case is back in doorstep collection',
  },
);
