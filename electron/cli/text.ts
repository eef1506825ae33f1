import { translate, type Lang } from '../shared/messages';

type Texts = Record<string, { zh: string; en: string }>;

/**
 * What the command line says, in both languages. Only the CLI's own sentences live here (how an
 * option was misused, what a command did); what a field's value must look like comes from the
 * app's shared messages (electron/shared/messages.ts, the export-purpose schema), the same texts
 * the screens show.
 */
const cliTexts = {
  // How the command line was called.
  'cli.noCommand': {
    zh: '请给出一个命令，例如 npm run cli -- stats --db 路径；可用的命令有 {commands}。',
    en: 'Give a command, e.g. npm run cli -- stats --db PATH; the commands are {commands}.',
  },
  'cli.unknownCommand': {
    zh: '没有“{command}”这个命令；可用的命令有 {commands}。',
    en: 'There is no command "{command}"; the commands are {commands}.',
  },
  'cli.unknownOption': {
    zh: '{command} 命令没有参数 {option}（npm run cli -- {command} --help 可查看它的参数）。',
    en: 'The {command} command has no option {option} (npm run cli -- {command} --help lists its options).',
  },
  'cli.missingValue': {
    zh: '参数 {option} 后面缺少取值。',
    en: '{option} needs a value after it.',
  },
  'cli.takesNoValue': { zh: '参数 {option} 不带取值。', en: '{option} takes no value.' },
  'cli.positional': {
    zh: '多余的参数“{value}”：每个取值都跟在它的参数名后面，例如 --db 路径。',
    en: 'Unexpected argument "{value}": each value follows its option name, e.g. --db PATH.',
  },
  'cli.missing': { zh: '缺少参数 {option}。', en: '{option} is required.' },
  'cli.missingBecause': {
    zh: '缺少参数 {option}：{detail}。',
    en: '{option} is required: {detail}.',
  },
  'cli.wrong': {
    zh: '参数 {option} 的值“{value}”有误：{detail}。',
    en: '{option} "{value}" is wrong: {detail}.',
  },
  'cli.tooShort': {
    zh: '参数 {option} 的值“{value}”太短：{detail}。',
    en: '{option} "{value}" is too short: {detail}.',
  },
  'cli.wrongField': { zh: '参数 {option} 有误：{detail}。', en: '{option} is wrong: {detail}.' },
  'cli.sentence': { zh: '{detail}。', en: '{detail}.' },
  'cli.v.oneOf': { zh: '应为 {choices} 之一', en: 'use one of {choices}' },
  'cli.v.realMonth': {
    zh: '不是真实的月份，月份应为 01–12',
    en: 'not a real month (months run from 01 to 12)',
  },
  'cli.v.realDate': { zh: '不是真实的日期', en: 'not a real date' },
  'cli.v.ending': {
    zh: '文件名应以 {endings} 之一结尾',
    en: 'the file name must end in one of {endings}',
  },
  'cli.v.outOrJson': {
    zh: '请给出输出文件，或用 --json 直接打印汇总数字',
    en: 'give the output file, or --json to print the figures',
  },
  'cli.noFile': {
    zh: '参数 {option} 给出的文件 {value} 不存在。',
    en: 'The file {value} given with {option} does not exist.',
  },
  'cli.noDatabase': {
    zh: '{value} 处没有 Visitdesk 数据库：请用 --db 给出数据库文件，或先用 init 创建。',
    en: 'There is no Visitdesk database at {value}: give the database file with --db, or create one with init.',
  },
  'cli.dbExists': {
    zh: '{value} 处已有数据库，init 不会覆盖它：请用 --db 给出一个新的文件路径。',
    en: 'There is already a database at {value}, and init never overwrites one: give a new file with --db.',
  },
  'cli.noPassphrase': {
    zh: '请设置环境变量 VISITDESK_PASSPHRASE（没有终端可以询问口令）。',
    en: 'Set VISITDESK_PASSPHRASE (there is no terminal to ask for the passphrase on).',
  },
  'cli.busy': {
    zh: 'Visitdesk（进程 {pid}）正打开这个数据库，请先关闭它再恢复。',
    en: 'Visitdesk (process {pid}) has this database open; close it before restoring.',
  },
  // What is wrong with the database file, the disk or the folder (causes.ts, database-file.ts).
  'cli.dbIsFolder': {
    zh: '{value} 是一个文件夹，不是数据库文件：请用 --db 给出数据库文件本身。',
    en: '{value} is a folder, not a database file: give the database file itself with --db.',
  },
  'cli.notDatabase': {
    zh: '{value} 不是 Visitdesk 数据库：这个文件根本不是数据库。',
    en: '{value} is not a Visitdesk database: the file is not a database at all.',
  },
  'cli.plainDatabase': {
    zh: '{value} 是未加密的 SQLite 数据库，不是 Visitdesk 数据库（Visitdesk 数据库都是加密的）。',
    en: '{value} is an unencrypted SQLite database, not a Visitdesk database (Visitdesk databases are encrypted).',
  },
  'cli.noKeyFile': {
    zh: '{value} 旁边没有它的密钥文件 {keys}：请把属于它的密钥文件放回同一文件夹，或用恢复密钥设置新口令（npm run cli -- recover --db {value} --user 用户名）。',
    en: '{value} has no key file beside it ({keys}): put its key file back in the same folder, or set a new passphrase with the recovery key (npm run cli -- recover --db {value} --user NAME).',
  },
  'cli.keysDamaged': {
    zh: '密钥文件 {keys} 已损坏：请用恢复密钥设置新口令（npm run cli -- recover --db {value} --user 用户名）。',
    en: 'The key file {keys} is damaged: set a new passphrase with the recovery key (npm run cli -- recover --db {value} --user NAME).',
  },
  'cli.fromIsFolder': {
    zh: '参数 --from 给出的 {value} 是一个文件夹，不是备份文件。',
    en: '{value} given with --from is a folder, not a backup file.',
  },
  'cli.notBackup': {
    zh: '参数 --from 给出的 {value} 不是 Visitdesk 备份：这个文件根本不是数据库。',
    en: '{value} given with --from is not a Visitdesk backup: the file is not a database at all.',
  },
  'cli.plainBackup': {
    zh: '参数 --from 给出的 {value} 是未加密的 SQLite 数据库，不是 Visitdesk 备份。',
    en: '{value} given with --from is an unencrypted SQLite database, not a Visitdesk backup.',
  },
  'cli.backupNoKeyFile': {
    zh: '备份 {value} 旁边没有它的密钥文件 {keys}：恢复需要与备份一同写出的密钥文件，请把它放到同一文件夹。',
    en: 'The backup {value} has no key file beside it ({keys}): a restore needs the key file written with the backup, in the same folder.',
  },
  'cli.backupKeyMismatch': {
    zh: '密钥文件 {keys} 打不开备份 {value}：这个密钥文件属于另一个数据库，或者备份文件已损坏。',
    en: 'The key file {keys} does not open the backup {value}: it belongs to another database, or the backup is damaged.',
  },
  'cli.cause.busy': {
    zh: '另一个程序正在写入 {db}：请等它完成后再试。',
    en: 'Another program is writing to {db}: try again when it has finished.',
  },
  'cli.cause.stillBusy': {
    zh: '等了 {minutes} 分钟，另一个程序仍在写入 {db}：什么也没有写入，请等它完成后再试。',
    en: 'Another program has been writing to {db} for {minutes} minutes: nothing was written; try again when it has finished.',
  },
  'cli.cause.diskFull': {
    zh: '{db} 所在的磁盘已满，没有保存任何更改：请腾出空间后再试。',
    en: 'The disk holding {db} is full and nothing was saved: free some space and try again.',
  },
  'cli.cause.readOnly': {
    zh: '无法写入数据库所在的文件夹 {folder}：它是只读的，或属于另一个账户。',
    en: 'Cannot write in the database folder {folder}: it is read-only or belongs to another account.',
  },
  'cli.cause.diskFullFile': {
    zh: '磁盘已满，无法写入 {file}：请腾出空间后再试。',
    en: 'The disk is full, so {file} could not be written: free some space and try again.',
  },
  'cli.cause.cannotWrite': {
    zh: '无法写入 {file}：文件夹 {folder} 是只读的，或属于另一个账户。',
    en: 'Cannot write {file}: the folder {folder} is read-only or belongs to another account.',
  },
  'cli.cause.noFolder': {
    zh: '文件夹 {folder} 不存在，无法写入 {file}。',
    en: 'The folder {folder} does not exist, so {file} could not be written.',
  },
  'cli.waiting': {
    zh: '正在等待另一个导入完成（另一个程序正在写入数据库）……',
    en: 'Waiting for another import to finish (another program is writing to the database)…',
  },
  'cli.outExists': {
    zh: '{value} 已存在：请用 --out 给出另一个文件，或加上 --force 覆盖它。',
    en: '{value} already exists: give another file with --out, or add --force to replace it.',
  },
  // The recovery key (recover).
  'cli.noRecoveryKey': {
    zh: '请用 --recovery-key 或环境变量 VISITDESK_RECOVERY_KEY 给出恢复密钥（没有终端可以询问）。',
    en: 'Give the recovery key with --recovery-key or VISITDESK_RECOVERY_KEY (there is no terminal to ask on).',
  },
  'cli.noNewPassphrase': {
    zh: '请设置环境变量 VISITDESK_NEW_PASSPHRASE 作为新口令（没有终端可以询问）。',
    en: 'Set VISITDESK_NEW_PASSPHRASE to the new passphrase (there is no terminal to ask on).',
  },
  'cli.recover.malformed': {
    zh: '恢复密钥的格式不对：它是 64 位十六进制数字（可按四位一组用连字符分隔）。',
    en: 'The recovery key is not written right: it is 64 hexadecimal digits (groups of four may be joined by hyphens).',
  },
  'cli.recover.wrongKey': {
    zh: '这个恢复密钥打不开 {db}：请核对打印的恢复密钥。',
    en: 'This recovery key does not open {db}: check it against the printed recovery key.',
  },
  'cli.recover.noAccount': {
    zh: '{db} 中没有名为 {user} 的在用账户：请用 --user 给出账户的用户名。',
    en: '{db} has no active account named {user}: give the account’s user name with --user.',
  },
  'cli.recover.passphrase': {
    zh: '新口令不能用：{detail}。',
    en: 'The new passphrase cannot be used: {detail}.',
  },
  'cli.recover.openByApp': {
    zh: '请先退出登录，再使用恢复密钥。',
    en: 'Sign out before using the recovery key.',
  },
  'cli.prompt.recoveryKey': { zh: '恢复密钥：', en: 'Recovery key: ' },
  'cli.prompt.recoverPassphrase': {
    zh: '账户 {user} 的新口令：',
    en: 'New passphrase for {user}: ',
  },
  'cli.prompt.again': { zh: '再输入一次：', en: 'Once more: ' },
  'cli.prompt.passphrase': { zh: '口令：', en: 'Passphrase: ' },
  'cli.prompt.newPassphrase': { zh: '管理员的新口令：', en: 'New passphrase for the manager: ' },
  'cli.error': { zh: '错误：{sentence}', en: 'Error: {sentence}' },

  // Help.
  'cli.help.intro': {
    zh: 'Visitdesk 命令行。用法：npm run cli -- <命令> [参数]',
    en: 'Visitdesk command line. Usage: npm run cli -- <command> [options]',
  },
  'cli.help.common': {
    zh: '口令取自环境变量 VISITDESK_PASSPHRASE（在终端上会提示输入）；--user 默认为 admin；--db 默认为 {db}；--lang zh|en 选择语言；--json 输出结构化结果。',
    en: 'The passphrase comes from VISITDESK_PASSPHRASE (or a prompt on a terminal); --user defaults to admin; --db defaults to {db}; --lang zh|en picks the language; --json prints structured results.',
  },
  'cli.help.usage': { zh: '用法：{usage}', en: 'usage: {usage}' },

  // PostgreSQL (commands/postgres.ts).
  'cli.pg.alreadySetUp': {
    zh: '该数据库已有 Visitdesk 的表结构（版本 {version}），未做任何更改。',
    en: "This database already holds Visitdesk's schema (version {version}); nothing was changed.",
  },
  'cli.server.listening': {
    zh: '支行服务器已在 {url} 运行。各台电脑登记时须核对证书指纹：{fingerprint}。按 Ctrl+C 停止。',
    en: 'The branch server is running at {url}. Desks check this certificate fingerprint when they enrol: {fingerprint}. Ctrl+C stops it.',
  },
  'cli.server.stopped': {
    zh: '支行服务器已停止（{signal}），各台电脑的登录随之结束。',
    en: "The branch server stopped ({signal}); the desks' sign-ins ended with it.",
  },
  'cli.server.code': {
    zh: '登记码：{code}（{expiresAt} 前有效，只能用一次）。在新电脑上输入服务器地址、此登记码，并核对证书指纹：{fingerprint}。',
    en: 'Enrolment code: {code} (valid once, until {expiresAt}). On the new desk, enter the server address and this code, and check the certificate fingerprint: {fingerprint}.',
  },
  'cli.server.certAndKey': {
    zh: '使用本行自己的证书时，--cert 和 --key 须同时给出。',
    en: "With the bank's own certificate, give both --cert and --key.",
  },
  'cli.server.port': {
    zh: '端口“{value}”无效：须为 0（任一空闲端口）至 65535 的整数。',
    en: 'The port "{value}" is not valid: give a whole number from 0 (any free port) to 65535.',
  },
  'cli.server.managerOnly': {
    zh: '只有经理账号可以开启支行服务器（--user 须为经理）。',
    en: 'Only a manager’s account may start the branch server (--user must be a manager).',
  },
  'cli.pg.done.init': {
    zh: '已在 {server} 创建 Visitdesk 的表结构（版本 {version}）。',
    en: "Created Visitdesk's schema (version {version}) in {server}.",
  },
  'cli.pg.done.backup': {
    zh: '已将 {tables} 张表备份到 {file}（{bytes} 字节），清单文件为 {manifest}；两个文件须放在一起。',
    en: 'Backed up {tables} tables to {file} ({bytes} bytes) with its manifest {manifest}; keep the two files together.',
  },
  'cli.pg.done.copy': {
    zh: '已把本网点复制到 {server}：{tables} 张表共 {rows} 行，审计日志 {audit} 行，逐表核对一致，审计链完整。',
    en: 'Copied the branch to {server}: {rows} rows in {tables} tables, {audit} audit rows, every table checked and the audit chain intact.',
  },
  'cli.pg.done.restore': {
    zh: '已用备份 {from} 恢复到 {server}（{tables} 张表，审计日志 {audit} 行，表结构版本 {version}），并已核对行数与审计链。',
    en: 'Restored {from} into {server} ({tables} tables, {audit} audit rows, schema version {version}), row counts and the audit chain checked.',
  },

  // What each command did.
  'cli.done.init': {
    zh: '已创建加密数据库 {db}（网点“{branch}”，管理员账户 {user}）；恢复密钥只显示这一次，请打印并妥善保管：{key}',
    en: 'Created the encrypted database {db} (branch "{branch}", manager account {user}); the recovery key is shown only now, so print it and keep it safe: {key}',
  },
  'cli.done.verify': {
    zh: '{db} 完好：文件完整性检查通过，审计链完整（{rows} 条记录，链头 {head}）。',
    en: '{db} is sound: the integrity check passed and the audit chain holds ({rows|row|rows}, head {head}).',
  },
  'cli.fail.verify': { zh: '{db} 有问题：{problems}。', en: '{db} has problems: {problems}.' },
  'cli.verify.integrity': {
    zh: '文件完整性检查报告 {list}',
    en: 'the integrity check reports {list}',
  },
  'cli.verify.chain': {
    zh: '审计链在第 {id} 条记录处断开',
    en: 'the audit chain breaks at row {id}',
  },
  'cli.done.verifyCheckpoints': {
    zh: '{db} 完好：文件完整性检查通过，审计链完整（{rows} 条记录，链头 {head}），{checkpoints} 个签名检查点和 {heads} 个外部链头均吻合。',
    en: '{db} is sound: the integrity check passed, the audit chain holds ({rows} rows, head {head}), and {checkpoints} signed checkpoints and {heads} outside heads all match.',
  },
  'cli.verify.tailMissing': {
    zh: '{at} 的检查点（{reason}）覆盖 {rows} 条记录，链尾缺少最后 {missing} 条',
    en: 'the checkpoint of {at} ({reason}) covered {rows} rows: the last {missing} are missing',
  },
  'cli.verify.headMismatch': {
    zh: '第 {rows} 条记录与 {at} 的检查点不符：记录已被改写',
    en: 'row {rows} differs from the checkpoint of {at}: rows were rewritten',
  },
  'cli.verify.badSignature': {
    zh: '{at} 的检查点签名不成立',
    en: 'the signature of the checkpoint of {at} does not hold',
  },
  'cli.verify.otherDatabase': {
    zh: '{at} 的检查点属于另一个数据库',
    en: 'the checkpoint of {at} belongs to another database',
  },
  'cli.verify.headNotFound': {
    zh: '外部链头 {hash} 不在审计链中（其后的记录被删除或改写）',
    en: 'the outside head {hash} is not in the audit chain (rows after it were removed or rewritten)',
  },
  'cli.verify.badHeads': {
    zh: '--heads 文件第 {line} 行既不是链头哈希也不是检查点',
    en: 'line {line} of the --heads file is neither a head hash nor a checkpoint',
  },
  'cli.done.backup': {
    zh: '已将加密备份写入 {file}（{bytes} 字节），密钥文件为 {keys}。',
    en: 'Wrote the encrypted backup {file} ({bytes} bytes) and its key file {keys}.',
  },
  'cli.done.restore': {
    zh: '已用备份 {from} 恢复 {db}。',
    en: 'Restored {db} from the backup {from}.',
  },
  'cli.done.restoreReplaced': {
    zh: '已用备份 {from} 恢复 {db}，原文件保留为 {replaced}。',
    en: 'Restored {db} from the backup {from}; the previous file is kept as {replaced}.',
  },
  'cli.done.stats': {
    zh: '{db} 共有 {tables} 张表，有数据的：{counts}；其余 {empty} 张为空。',
    en: '{db} has {tables} tables; with rows: {counts}; the other {empty} are empty.',
  },
  'cli.done.import': {
    zh: '已导入 {file}（{encoding}，数据日期 {asOf}）：共 {total} 行，新增贷款 {inserted} 笔，更新 {updated} 笔，未变 {unchanged} 笔，拒绝 {rejected} 行。',
    en: 'Imported {file} ({encoding}, as of {asOf}): {total|row|rows}, {inserted|loan|loans} added, {updated} changed, {unchanged} unchanged, {rejected|row|rows} rejected.',
  },
  'cli.fail.import': {
    zh: '没有导入：{file} 的 {total} 行中有 {rejected} 行有误（--mode all-or-nothing 时一行有误整份文件都不写入）。',
    en: 'Nothing imported: {file} has {rejected|bad row|bad rows} of {total} (with --mode all-or-nothing one bad row stops the whole file).',
  },
  'cli.fail.importUnreadable': {
    zh: '没有导入：无法读取 {file}。',
    en: 'Nothing imported: {file} cannot be read.',
  },
  'cli.encoding.unknown': { zh: '编码未知', en: 'unknown encoding' },
  'cli.row': { zh: '  第 {line} 行 {column}：{reason}', en: '  line {line} {column}: {reason}' },
  'cli.rowFile': { zh: '  整个文件：{reason}', en: '  whole file: {reason}' },
  'cli.rowWarning': {
    zh: '  提醒 第 {line} 行 {column}：{reason}',
    en: '  warning, line {line} {column}: {reason}',
  },
  'cli.rowWarningFile': { zh: '  提醒：{reason}', en: '  warning: {reason}' },
  'cli.note.warnings': {
    zh: '另有 {warnings} 条提醒：这些行已导入，但与文件所写不尽相同（列在下面，标为“提醒”）。',
    en: ' {warnings|warning|warnings}: those rows were imported, not quite as the file says (listed below, marked "warning").',
  },
  'cli.note.casesAssigned': {
    zh: '此前导入时客户经理不在名单中的 {cases} 个案件，已分配给名单中的这些员工。',
    en: ' {cases|case|cases} imported earlier under officer names not then on the staff list are now assigned to them.',
  },
  'cli.officerNotOnStaff': {
    zh: '  客户经理“{name}”不在员工名单中：{rows} 行的案件已导入但未分配给此人（首见第 {line} 行）；经理可在“导入表格”页新建该员工，或把这个姓名对应到现有员工。',
    en: '  The officer "{name}" is not on the staff list: {rows|row was|rows were} imported without this assignment (first on line {line}); a manager can add the officer, or map the name to a staff member, on the import screen.',
  },
  'cli.rowRule': {
    zh: '  第 {line} 行 [{rule}]：{reason}',
    en: '  line {line} [{rule}]: {reason}',
  },
  'cli.done.exportCases': {
    zh: '已将 {rows} 个案件（身份证号和手机号已脱敏）写入 {file}，导出用途已记入审计日志。',
    en: 'Wrote {rows|case|cases} (ID and mobile numbers masked) to {file}; the purpose is recorded in the audit log.',
  },
  'cli.done.seedDemo': {
    zh: '已载入演示网点：{counts}。',
    en: 'Loaded the demo branch: {counts}.',
  },
  'cli.done.importStaff': {
    zh: '已从 {file} 导入员工：新增 {created} 人，更新 {updated} 人，拒绝 {rejected} 行。',
    en: 'Imported staff from {file}: {created} added, {updated} updated, {rejected|row|rows} rejected.',
  },
  'cli.fail.importStaff': {
    zh: '没有导入员工：{file} 中有 {rejected} 行有误（--mode all-or-nothing 时一行有误整份文件都不写入）。',
    en: 'No staff imported: {file} has {rejected|bad row|bad rows} (with --mode all-or-nothing one bad row stops the whole file).',
  },
  'cli.done.importRoster': {
    zh: '已按 {file} 安排 {planned} 次走访，拒绝 {rejected} 行。',
    en: 'Planned {planned|visit|visits} from {file}; {rejected|row|rows} rejected.',
  },
  'cli.fail.importRoster': {
    zh: '没有安排走访：{file} 中有 {rejected} 行有误或违反规则（--mode all-or-nothing 时一行有误整份文件都不写入）。',
    en: 'No visits planned: {file} has {rejected|row|rows} with problems or broken rules (with --mode all-or-nothing one bad row stops the whole file).',
  },
  'cli.done.recover': {
    zh: '已用恢复密钥为 {db} 的账户 {user} 设置新口令，并记入审计日志。',
    en: 'Set a new passphrase for the account {user} of {db} with the recovery key; the audit log records it.',
  },
  'cli.done.recoverRebuilt': {
    zh: '已用恢复密钥为 {db} 的账户 {user} 设置新口令，并记入审计日志；密钥文件 {keys} 已重建，其他账户也要用恢复密钥设置新口令。',
    en: 'Set a new passphrase for the account {user} of {db} with the recovery key; the audit log records it. The key file {keys} was rebuilt, so every other account needs a new passphrase set with the recovery key too.',
  },
  'cli.note.someRejected': {
    zh: '（被拒绝的行列在下面，退出码 3）。',
    en: ' (the rejected rows are listed below; exit code 3).',
  },
  'cli.fail.importEmpty': {
    zh: '没有导入：{file} 的标题行下面没有数据行。',
    en: 'Nothing imported: {file} has no rows under its header.',
  },
  'cli.fail.importAllRejected': {
    zh: '没有导入：{file} 的 {total} 行全部有误。',
    en: 'Nothing imported: every row of {file} was rejected ({total|row|rows}).',
  },
  'cli.fail.importStaffEmpty': {
    zh: '没有导入员工：{file} 中没有员工行。',
    en: 'No staff imported: {file} has no staff rows.',
  },
  'cli.fail.importStaffAllRejected': {
    zh: '没有导入员工：{file} 中 {rejected} 行全部有误。',
    en: 'No staff imported: every row of {file} was rejected ({rejected|row|rows}).',
  },
  'cli.fail.importRosterEmpty': {
    zh: '没有安排走访：{file} 中没有走访行。',
    en: 'No visits planned: {file} has no visit rows.',
  },
  'cli.fail.importRosterAllRejected': {
    zh: '没有安排走访：{file} 中 {rejected} 行全部有误或违反规则。',
    en: 'No visits planned: every row of {file} has problems or breaks rules ({rejected|row|rows}).',
  },
  'cli.fail.exportTooMany': {
    zh: '没有导出：案件清单共有 {total} 个案件，超过单次导出的上限 {max} 个（与界面的导出相同）；请在案件清单界面按条件筛选，分批导出。',
    en: 'Nothing exported: the case list has {total} cases, more than one export may hold ({max}, as on screen); export it from the case list screen in parts, narrowed by a filter.',
  },
  'cli.done.exportSummary': {
    zh: '已将 {month} 月度汇总写入 {file}。',
    en: 'Wrote the monthly summary for {month} to {file}.',
  },
  'cli.done.exportSummaryPurpose': {
    zh: '已将 {month} 月度汇总写入 {file}，导出用途已记入审计日志。',
    en: 'Wrote the monthly summary for {month} to {file}; the purpose is recorded in the audit log.',
  },
} as const satisfies Texts;

export type CliTextKey = keyof typeof cliTexts;
/** Values put into a sentence; a list is joined in the sentence's language. */
export type Params = Record<string, string | number | readonly string[]>;

/**
 * Fills `{name}` from params, and `{name|one|many}` with the number and the English noun that
 * fits it ("1 row", "2 rows").
 */
const fill = (template: string, params: Params, lang: Lang) =>
  template.replace(
    /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
    (whole, name: string, one?: string, many?: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      if (typeof value === 'object') return list(value, lang);
      return one === undefined ? String(value) : `${value} ${Number(value) === 1 ? one : many}`;
    },
  );

/** A CLI sentence in the given language, with `{name}` filled from params. */
export function say(key: CliTextKey, lang: Lang, params: Params = {}): string {
  return fill(cliTexts[key][lang], params, lang);
}

/**
 * A key of the CLI's own texts or of the app's shared messages (e.g. 'v.month'), or plain text,
 * in the given language. Unknown keys come back unchanged, as `translate` does.
 */
export function textOf(keyOrText: string, lang: Lang, params: Params = {}): string {
  const own = (cliTexts as Texts)[keyOrText];
  return fill(own ? own[lang] : translate(keyOrText, lang), params, lang);
}

/** Lists in running text: 甲、乙 / a, b. */
export const list = (items: readonly string[], lang: Lang) =>
  items.join(lang === 'zh' ? '、' : ', ');

/** An app message placed inside a CLI sentence: English loses its capital ("Month must…"). */
export function inner(text: string, lang: Lang): string {
  if (lang === 'zh' || text.length < 2) return text;
  // Keep acronyms and proper names ("XLSX", "UTF-8", "Visitdesk" is rare at the start).
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** Capitalises the first letter of an English sentence. */
export const sentence = (text: string, lang: Lang) =>
  lang === 'en' && text ? text[0]!.toUpperCase() + text.slice(1) : text;
