import { contactMessages } from './contact-messages';
import { caseMessages } from './schemas/cases-messages';
import { cashHandInMessages } from './schemas/cash-handins-messages';
import { complaintMessages } from './schemas/complaints-messages';
import { importMessages } from './schemas/imports-messages';
import { noticeMessages } from './schemas/notices-messages';
import { planningMessages } from './schemas/planning-messages';
import { recordMessages } from './schemas/records-messages';
import { waiverMessages } from './schemas/waivers-messages';

/**
 * Messages that cross the process boundary (validation and error codes), in both languages.
 * Schemas carry these keys as their messages; the renderer and the CLI translate them.
 */
export const messages = {
  'v.required': { zh: '必填', en: 'Required' },
  'v.tooLong': { zh: '内容过长', en: 'Too long' },
  'v.passphraseShort': {
    zh: '口令至少 10 个字符',
    en: 'Passphrase must be at least 10 characters',
  },
  'v.passphraseMismatch': { zh: '两次输入的口令不一致', en: 'The passphrases do not match' },
  'v.username': {
    zh: '用户名为 3–32 位小写字母、数字、点、下划线或连字符',
    en: 'Username: 3–32 lowercase letters, digits, dot, underscore or hyphen',
  },
  'v.branchCode': {
    zh: '机构代码为 2–20 位字母或数字',
    en: 'Branch code: 2–20 letters or digits',
  },
  'v.phone': { zh: '电话号码格式不正确', en: 'Not a valid phone number' },
  'v.mobile': {
    zh: '手机号应为 11 位数字，以 13–19 开头',
    en: 'Mobile: 11 digits starting with 13–19',
  },
  'v.idNumber': {
    zh: '身份证号不正确（18 位，校验位不符或出生日期无效）',
    en: 'Not a valid resident ID (18 characters, check digit or birth date wrong)',
  },
  'v.timeZone': { zh: '未知时区', en: 'Unknown time zone' },
  'v.date': { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  'v.time': { zh: '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  'v.amount': { zh: '金额格式不正确', en: 'Not a valid amount' },
  'v.nonNegative': { zh: '不能为负数', en: 'Must not be negative' },
  'v.minutes': { zh: '应为 1–240 分钟', en: 'Must be 1–240 minutes' },
  'v.invalid': { zh: '内容无效', en: 'Invalid value' },
  'v.legalHours': {
    zh: '时间须在法定时段 08:00–22:00 之内',
    en: 'Must lie within the legal hours 08:00–22:00',
  },
  'v.endAfterStart': { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  'v.minStaff': { zh: '应为 2–6 人', en: 'Must be 2–6 people' },
  'v.days': { zh: '应为 1–31 天', en: 'Must be 1–31 days' },
  'v.count': { zh: '应为 1–31 次', en: 'Must be 1–31 times' },
  'v.hours': { zh: '应为 1–168 小时', en: 'Must be 1–168 hours' },
  'v.month': { zh: '月份格式应为 YYYY-MM', en: 'Month must be YYYY-MM' },
  'v.dateReal': { zh: '日历上没有这一天', en: 'There is no such day in the calendar' },
  'v.dateRange': {
    zh: '日期须在 2000-01-01 至 2099-12-31 之间',
    en: 'The date must lie between 2000-01-01 and 2099-12-31',
  },
  'v.monthRange': {
    zh: '月份须在 2000-01 至 2099-12 之间',
    en: 'The month must lie between 2000-01 and 2099-12',
  },
  'v.import.dateRange': {
    zh: '日期须在 2000-01-01 至 2099-12-31 之间',
    en: 'The date must lie between 2000-01-01 and 2099-12-31',
  },
  'v.staffNo': {
    zh: '工号为 1–20 位字母、数字或连字符',
    en: 'Staff number: 1–20 letters, digits or hyphens',
  },
  'v.duplicateStaff': { zh: '同一员工不能重复安排', en: 'The same person is listed twice' },
  'v.overrideReason': {
    zh: '请写明批准例外的理由（至少 6 个字）',
    en: 'Write the reason for the rule exception (at least 6 characters)',
  },
  'e.VALIDATION': { zh: '输入有误，请检查标出的字段', en: 'Please check the marked fields' },
  'e.UNAUTHENTICATED': { zh: '请先登录', en: 'Please sign in first' },
  'e.FORBIDDEN': { zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  'e.BAD_CREDENTIALS': {
    zh: '用户名或口令不正确',
    en: 'Wrong user name or passphrase',
  },
  'e.THROTTLED': {
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts; please wait and try again',
  },
  'e.NOT_FOUND': { zh: '找不到该记录', en: 'Record not found' },
  'e.CONFLICT': { zh: '记录已存在', en: 'The record already exists' },
  'e.STALE_VERSION': {
    zh: '这条记录在您打开后已被他人修改，您的修改尚未保存',
    en: 'Someone changed this record after you opened it; your changes are not saved yet',
  },
  'e.ALREADY_SET_UP': { zh: '本机已完成初始设置', en: 'This PC is already set up' },
  'e.NOT_SET_UP': { zh: '尚未完成初始设置', en: 'Not set up yet' },
  'e.DB_NEWER_THAN_APP': {
    zh: '数据库由更新版本的 Visitdesk 创建，请升级本软件',
    en: 'The database was written by a newer Visitdesk; please update the app',
  },
  'e.DB_DAMAGED': {
    zh: '数据库文件已损坏，可从最近的备份恢复',
    en: 'The database file is damaged; you can restore the newest backup',
  },
  'e.KEYSLOTS_DAMAGED': {
    zh: '密钥文件缺失或损坏，请使用恢复密钥',
    en: 'The key file is missing or damaged; use the recovery key',
  },
  'e.WRONG_KEY': { zh: '恢复密钥不正确', en: 'The recovery key is wrong' },
  'e.DISK_FULL': { zh: '磁盘空间不足，未保存任何更改', en: 'Disk full; nothing was saved' },
  'e.READ_ONLY': {
    zh: '数据文件夹只读，无法保存',
    en: 'The data folder is read-only; nothing can be saved',
  },
  'e.BUSY': { zh: '数据库正被其他程序使用', en: 'Another program is using the database' },
  'e.PG_UNREACHABLE': {
    zh: '无法连接数据库服务器（地址或端口不对、服务器未启动或网络不通），未做任何更改',
    en: 'Cannot reach the database server (wrong address or port, server down or network cut); nothing was changed',
  },
  'e.PG_COMMIT_UNKNOWN': {
    zh: '保存时与数据库服务器的连接中断，无法确定这次更改是否已保存；请先查看结果，再决定是否重做',
    en: 'The connection to the database server broke while saving: this change may or may not have been saved. Check before doing it again',
  },
  'e.PG_SEES_EVERY_BRANCH': {
    zh: '该数据库登录账户是超级用户或可绕过行级安全，能看到所有网点的数据；请改用本软件专用的登录账户',
    en: 'This database login is a superuser or bypasses row-level security, so it would see every branch; connect with the app’s own login',
  },
  'e.PG_AUTH_FAILED': {
    zh: '数据库服务器拒绝了用户名或密码，未做任何更改',
    en: 'The database server refused the user name or password; nothing was changed',
  },
  'e.PG_NO_DATABASE': {
    zh: '数据库服务器上没有地址中指定的数据库，未做任何更改',
    en: 'The database named in the address does not exist on the server; nothing was changed',
  },
  'e.PG_TLS_REQUIRED': {
    zh: '数据库地址须使用加密连接并校验服务器证书（sslmode=verify-full），未尝试连接',
    en: 'The database address must use an encrypted, verified connection (sslmode=verify-full); no connection was tried',
  },
  'e.PG_TLS_FAILED': {
    zh: '无法与数据库服务器建立可信的加密连接（证书未通过校验或服务器不支持加密），未做任何更改',
    en: 'No trusted encrypted connection to the database server (its certificate failed the check, or it has no encryption); nothing was changed',
  },
  'e.PG_READ_ONLY': {
    zh: '该数据库服务器只读（可能是备库），无法保存，请改用主库地址',
    en: 'The database server is read-only (a replica?); nothing can be saved; use the primary’s address',
  },
  'e.DB_NOT_VISITDESK': {
    zh: '该数据库属于其他应用程序，未写入任何内容',
    en: 'This database belongs to another application; nothing was written',
  },
  'e.NOT_ON_SERVER': {
    zh: '数据在数据库服务器上时，此项工作由服务器管理员在服务器上完成（备份、恢复、轮换密钥、文件检查）',
    en: 'With the data on a database server, this is done on the server by its administrator (backups, restores, key rotation, file checks)',
  },
  'v.serverAddress': {
    zh: '请填写服务器地址，例如 https://192.168.1.20:8443',
    en: 'Give the server address, e.g. https://192.168.1.20:8443',
  },
  'v.fingerprint': {
    zh: '证书指纹应为 64 位十六进制字符（可带冒号）',
    en: 'The certificate fingerprint is 64 hexadecimal characters (colons allowed)',
  },
  'v.enrolmentCode': {
    zh: '登记码为 12 位，例如 7K3M-Q9TX-2HBD',
    en: 'The enrolment code has 12 characters, e.g. 7K3M-Q9TX-2HBD',
  },
  'e.DESK_NOT_ENROLLED': {
    zh: '此电脑未在支行服务器登记，请向经理索取登记码',
    en: 'This PC is not enrolled with the branch server; ask the manager for an enrolment code',
  },
  'e.DESK_REVOKED': {
    zh: '此电脑在支行服务器的登记已被撤销，请联系经理',
    en: 'This PC’s enrolment with the branch server was revoked; contact the manager',
  },
  'e.SERVER_UNREACHABLE': {
    zh: '无法连接支行服务器；已输入的内容仍保留，请稍后重试',
    en: 'The branch server cannot be reached; what you typed is kept; try again shortly',
  },
  'e.SERVER_CERT_MISMATCH': {
    zh: '服务器证书指纹与登记时的不符，已断开连接，未发送任何内容',
    en: 'The server’s certificate fingerprint does not match the one pinned at enrolment; nothing was sent',
  },
  'e.PLAIN_HTTP_REFUSED': {
    zh: '支行服务器只接受加密连接（HTTPS）',
    en: 'The branch server accepts encrypted connections (HTTPS) only',
  },
  'e.RULE_VIOLATION': { zh: '违反合规规则', en: 'Breaks a compliance rule' },
  'e.CANCELLED': { zh: '已取消，未做任何更改', en: 'Cancelled; nothing was changed' },
  'e.UNTRUSTED_SENDER': { zh: '请求来源不受信任', en: 'Untrusted sender' },
  'e.UNKNOWN_CHANNEL': { zh: '未知请求', en: 'Unknown request' },
  'e.INTERNAL': { zh: '发生内部错误，未保存任何更改', en: 'Internal error; nothing was saved' },
  'e.restore.managerOnly': {
    zh: '只有经理可以用备份恢复数据库',
    en: 'Only a manager may restore a backup',
  },
  'e.keys.slotForged': {
    zh: '有账号的密钥槽未通过校验（可能被改动），请先为该账号重设口令，再轮换密钥',
    en: "An account's key slot failed its check (it may have been altered); reset that account's passphrase before rotating the key",
  },
  'e.restore.notDamaged': {
    zh: '数据库完好，无需恢复；只有在数据库损坏或丢失时才能从备份恢复',
    en: 'The database is sound; a backup is restored only when the database is damaged or missing',
  },
  'e.approval.ownProposal': {
    zh: '您提出的规则例外或还款计划须由另一位经理批准；只有支行仅有一位经理时才可本人批准（会被标记并计入月度汇总）',
    en: 'Another manager must approve a rule exception or repayment plan you proposed; you may approve your own only as the branch’s only manager (it is then marked and counted in the monthly summary)',
  },
  'v.import.noHeader': {
    zh: '前 10 行中找不到表头（至少两个列名），文件未读取',
    en: 'No header row (at least two column names) in the first 10 rows; the file was not read',
  },
  'v.import.rowTooLong': {
    zh: '此行超过 1 MB，不是表格行（文件可能已损坏），文件未读取',
    en: 'This row is over 1 MB, which no table row is (damaged file?); the file was not read',
  },
  'v.import.unpacksTooLarge': {
    zh: '此文件解压后超过 200 MB（或压缩比异常），不予读取',
    en: 'This file unpacks to more than 200 MB (or is packed suspiciously tightly); not read',
  },
  'v.import.moreProblems': {
    zh: '还有更多问题未列出（条数见详情）',
    en: 'More problems not listed (the count is in the detail)',
  },
  ...importMessages,
  ...recordMessages,
  ...caseMessages,
  ...contactMessages,
  ...complaintMessages,
  ...cashHandInMessages,
  ...noticeMessages,
  ...planningMessages,
  ...waiverMessages,
} as const satisfies Record<string, { zh: string; en: string }>;

export type Lang = 'zh' | 'en';

export function translate(keyOrText: string, lang: Lang): string {
  const entry = (messages as Record<string, { zh: string; en: string }>)[keyOrText];
  return entry ? entry[lang] : keyOrText;
}
