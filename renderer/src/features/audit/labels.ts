import type { TFunction } from 'i18next';

/**
 * Words for the audit log's action and entity codes (the codes the core writes, see
 * electron/core/**: `app.audit({ action, entity })`). The viewer shows the words and keeps the
 * code at hand for the auditor; a code not listed here is shown as it is stored.
 */
const actions: Record<string, [zh: string, en: string]> = {
  'access.refused': ['无此权限，操作被拒绝', 'Refused: the role may not do this'],
  'account.create': ['新建账号', 'Account created'],
  'account.disable': ['停用账号', 'Account disabled'],
  'account.resetPassphrase': ['重置员工口令', 'Passphrase reset'],
  'app.setup': ['首次设置', 'First set-up'],
  'audit.checkpoint': ['审计链检查点', 'Audit chain checkpoint'],
  'audit.export': ['导出审计日志', 'Audit log exported'],
  'auth.autoLock': ['闲置自动锁定', 'Locked when idle'],
  'auth.changePassphrase': ['本人修改口令', 'Passphrase changed'],
  'auth.recover': ['用恢复密钥找回', 'Recovered with the recovery key'],
  'auth.signIn': ['登录成功', 'Signed in'],
  'auth.signInFailed': ['登录失败', 'Sign-in failed'],
  'auth.signOut': ['退出系统', 'Signed out'],
  'backup.create': ['创建备份', 'Backup made'],
  'backup.restore': ['从备份恢复', 'Restored from a backup'],
  'backup.restoreRefused': ['拒绝从备份恢复', 'Restore refused'],
  'borrower.elderlyClear': ['经理取消高龄标记', 'Elderly flag cleared by the manager'],
  'borrower.elderlyRestore': ['恢复高龄标记', 'Elderly flag restored'],
  'branch.update': ['修改网点信息', 'Branch details changed'],
  'case.addAssessment': ['新增状况评估', 'Assessment added'],
  'case.addContact': ['增加联系人', 'Contact added'],
  'case.addContactEvent': ['登记联系记录', 'Contact logged'],
  'case.addNote': ['新增备注', 'Note added'],
  'case.create': ['新建案件', 'Case created'],
  'case.exit': ['退出上门催收', 'Case left doorstep collection'],
  'case.loadDemo': ['载入演示数据', 'Demo data loaded'],
  'case.reassign': ['改派客户经理', 'Case reassigned'],
  'case.reopen': ['撤销退出上门催收', 'Case back in doorstep collection'],
  'case.reveal': ['查看完整号码', 'Full number shown'],
  'case.update': ['修改案件', 'Case changed'],
  'cases.export': ['导出案件', 'Cases exported'],
  'cases.import': ['导入案件', 'Cases imported'],
  'cash.handIn': ['登记缴款', 'Cash handed in'],
  'cash.signOff': ['经理签批缴款差额', 'Hand-in difference signed off'],
  'complaint.close': ['投诉结案', 'Complaint closed'],
  'complaint.register': ['登记投诉', 'Complaint registered'],
  'complaint.update': ['记录投诉处理措施', 'Complaint action recorded'],
  'imports.report': ['导出导入报告', 'Import report exported'],
  'imports.resolveOfficer': ['处理导入的客户经理姓名', 'Officer name from an import settled'],
  'imports.saveMapping': ['保存导入列对应', 'Import mapping saved'],
  'keys.rotate': ['数据库密钥已更换', 'Database key rotated'],
  'keys.slotForged': ['发现伪造的密钥槽', 'Forged key slot found'],
  'keys.slotsSigned': ['签署密钥槽', 'Key slots signed'],
  'notices.print': ['打印文书', 'Document printed'],
  'notices.reprint': ['补打文书', 'Document reprinted'],
  'notices.restoreTemplate': ['恢复模板旧版本', 'Template version restored'],
  'notices.saveSettings': ['保存文书设置', 'Document settings saved'],
  'notices.saveTemplate': ['保存模板', 'Template saved'],
  'payments.reconcile': ['上门收款与总行文件核对', 'Visit cash matched with a head-office file'],
  'plan.approve': ['批准还款计划', 'Repayment plan approved'],
  'plan.reject': ['驳回还款计划', 'Repayment plan rejected'],
  'planning.holiday.set': ['设置节假日', 'Holiday set'],
  'planning.rules.update': ['修改走访规则', 'Visit rules changed'],
  'promises.evaluate': ['判定还款承诺', 'Promises evaluated'],
  'records.settings.update': ['修改记录设置', 'Record settings changed'],
  'reports.close': ['月度结账', 'Month closed'],
  'reports.export': ['导出报表', 'Report exported'],
  'reports.reopen': ['重新打开月份', 'Month reopened'],
  'retention.anonymise': ['到期匿名化', 'Anonymised after retention'],
  'settings.importOfficer': ['修改导入时客户经理的处理规则', 'Import officer rule changed'],
  'settings.reportBuckets': ['修改月度汇总的账龄分段', 'Summary buckets changed'],
  'settings.update': ['修改设置', 'Settings changed'],
  'staff.certificate.add': ['登记资格证', 'Certificate added'],
  'staff.certificate.renew': ['更新资格证', 'Certificate renewed'],
  'staff.create': ['增加员工', 'Staff member added'],
  'staff.leave.add': ['新增休假', 'Leave added'],
  'staff.leave.remove': ['取消休假', 'Leave removed'],
  'staff.update': ['修改员工', 'Staff member changed'],
  'targets.set': ['设置月度目标', 'Monthly targets set'],
  'visit.amend': ['走访记录更正', 'Visit record corrected'],
  'visit.approve': ['走访获批', 'Visit approved'],
  'visit.cancel': ['走访取消', 'Visit cancelled'],
  'visit.notice': ['告知借款人', 'Borrower told of visit'],
  'visit.noticePrinted': ['打印走访通知', 'Visit notice printed'],
  'visit.override': ['例外获经理批准', 'Rule overridden by manager'],
  'visit.plan': ['走访已安排', 'Visit planned'],
  'visit.record': ['走访结果已记录', 'Visit outcome recorded'],
  'visit.reschedule': ['走访改期', 'Visit rescheduled'],
  'visit.update': ['修改走访', 'Visit changed'],
  'visits.importRoster': ['导入走访排班', 'Visit roster imported'],
};

const entities: Record<string, [zh: string, en: string]> = {
  account: ['账号', 'Account'],
  audit: ['审计链', 'Audit chain'],
  audit_log: ['审计日志', 'Audit log'],
  backup: ['备份文件', 'Backup'],
  borrower: ['借款人', 'Borrower'],
  branch: ['网点', 'Branch'],
  branch_holidays: ['节假日', 'Holidays'],
  cash_handin: ['缴款', 'Cash hand-in'],
  channel: ['系统功能', 'App function'],
  complaint: ['投诉', 'Complaint'],
  database: ['数据库', 'Database'],
  document_template: ['文书模板', 'Document template'],
  import: ['导入', 'Import'],
  keyslots: ['密钥槽', 'Key slots'],
  month: ['月份', 'Month'],
  monthly_targets: ['月度目标', 'Monthly targets'],
  notice_settings: ['文书设置', 'Document settings'],
  payment: ['还款', 'Payment'],
  print_log: ['打印记录', 'Print log'],
  promise: ['还款承诺', 'Promise'],
  repayment_plan: ['还款计划', 'Repayment plan'],
  settings: ['设置', 'Settings'],
  staff: ['员工', 'Staff'],
  visit: ['走访安排', 'Visit'],
  visit_record: ['走访记录', 'Visit record'],
};

const texts = (prefix: string, codes: Record<string, [string, string]>, i: 0 | 1) =>
  Object.fromEntries(Object.entries(codes).map(([code, words]) => [prefix + code, words[i]]));

export const auditLabelText = {
  zh: { ...texts('auditAction.', actions, 0), ...texts('auditEntity.', entities, 0) },
  en: { ...texts('auditAction.', actions, 1), ...texts('auditEntity.', entities, 1) },
};

/** The words for an action code, or the code itself when it has none. */
export const actionLabel = (t: TFunction, code: string): string =>
  t(`auditAction.${code}`, { defaultValue: code });

/** The words for an entity code, or the code itself when it has none. */
export const entityLabel = (t: TFunction, code: string): string =>
  t(`auditEntity.${code}`, { defaultValue: code });
