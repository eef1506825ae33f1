import { defineText } from '../../i18n/define';

/**
 * The branch server as the desks see it (issue 20): the first screen's choice to join it, where
 * the data lives, the manager's list of enrolled desks, and the banner while it cannot be
 * reached.
 */
export const desksText = defineText(
  {
    'setup.choice': '如何使用此电脑',
    'setup.choice.newBranch': '在此电脑上新建支行',
    'setup.choice.connect': '连接支行服务器',
    'connect.title': '连接支行服务器',
    'connect.intro':
      '支行的数据在支行服务器上时，每台电脑须先登记。请向经理索取服务器地址、证书指纹和一次性登记码；经理会在服务器上念出指纹，请逐组核对。',
    'connect.address': '服务器地址',
    'connect.address.help': '以 https:// 开头，含端口号',
    'connect.code': '登记码',
    'connect.code.help': '经理生成的一次性登记码，12 位',
    'connect.fingerprint': '证书指纹（SHA-256）',
    'connect.fingerprint.help': '64 位十六进制字符，冒号和空格可有可无',
    'connect.name': '此电脑的名称',
    'connect.name.help': '在经理的电脑登记列表中显示，例如“柜台二号机”',
    'connect.submit': '连接',
    'connect.connecting': '正在连接…',
    'connect.checkFingerprint': '请与经理逐组核对指纹',
    'connect.checkAddress': '请核对地址，并确认服务器已开启',
    'connect.checkCode': '登记码错误、已用过或已过期，请向经理索取新码',
    'dataLocation.title': '数据存放位置',
    'dataLocation.thisPc': '此电脑：数据加密保存在本机的数据库中。',
    'dataLocation.branchServer': '支行服务器：此电脑不保存数据，所有操作都在服务器上完成。',
    'dataLocation.address': '服务器地址',
    'dataLocation.fingerprint': '证书指纹（SHA-256）',
    'dataLocation.deskName': '此电脑的登记名称',
    'desks.title': '电脑登记',
    'desks.subtitle': '登记后可连接支行服务器的电脑',
    'desks.makeCode': '生成登记码',
    'desks.none': '尚无电脑登记。生成登记码，在要连接的电脑上输入即可。',
    'desks.name': '电脑名称',
    'desks.enrolledAt': '登记时间',
    'desks.codeBy': '登记码生成人',
    'desks.status': '状态',
    'desks.active': '使用中',
    'desks.thisDesk': '此电脑',
    'desks.revokedOn': '{{at}} 由{{by}}撤销',
    'desks.revoke': '撤销',
    'desks.revokeTitle': '撤销“{{name}}”的登记？',
    'desks.revokeText':
      '此电脑将立即断开，无法再连接支行服务器；正在使用它的人会被登出。要再次使用，须用新的登记码重新登记。',
    'desks.revoked': '已撤销“{{name}}”的登记',
    'desks.code.title': '登记码',
    'desks.code.once': '此码只显示一次，只能使用一次，{{expires}} 前有效。',
    'desks.code.readFingerprint':
      '在要连接的电脑上输入此码，并向使用者念出服务器的证书指纹，请对方逐组核对：',
    'desks.code.readServerFingerprint':
      '在要连接的电脑上输入此码，并向使用者念出支行服务器启动时显示的证书指纹，请对方逐组核对。',
    'desks.code.done': '已记下',
    'serverStatus.unreachable':
      '无法连接支行服务器：您的输入仍保留在屏幕上，未保存的修改不会被悄悄排队；正在重试…',
    'serverStatus.retry': '立即重试',
  },
  {
    'setup.choice': 'How this PC is used',
    'setup.choice.newBranch': 'Set up this PC as a new branch',
    'setup.choice.connect': 'Connect to the branch server',
    'connect.title': 'Connect to the branch server',
    'connect.intro':
      'When the branch’s data is on the branch server, each PC is enrolled first. Ask the manager for the server’s address, its certificate fingerprint and a one-time enrolment code; the manager reads the fingerprint out at the server: check it group by group.',
    'connect.address': 'Server address',
    'connect.address.help': 'Starts with https:// and includes the port',
    'connect.code': 'Enrolment code',
    'connect.code.help': 'The one-time code the manager made, 12 characters',
    'connect.fingerprint': 'Certificate fingerprint (SHA-256)',
    'connect.fingerprint.help': '64 hexadecimal characters; colons and spaces optional',
    'connect.name': 'This PC’s name',
    'connect.name.help': 'Shown in the manager’s list of desks, e.g. “Counter 2”',
    'connect.submit': 'Connect',
    'connect.connecting': 'Connecting…',
    'connect.checkFingerprint': 'Check the fingerprint with the manager, group by group',
    'connect.checkAddress': 'Check the address, and that the server is running',
    'connect.checkCode': 'The code is wrong, used or expired; ask the manager for a new one',
    'dataLocation.title': 'Where the data lives',
    'dataLocation.thisPc': 'This PC: the data is kept encrypted in a database on this PC.',
    'dataLocation.branchServer':
      'The branch server: this PC keeps no data; everything is done on the server.',
    'dataLocation.address': 'Server address',
    'dataLocation.fingerprint': 'Certificate fingerprint (SHA-256)',
    'dataLocation.deskName': 'This PC’s enrolled name',
    'desks.title': 'Desks',
    'desks.subtitle': 'The PCs enrolled to connect to the branch server',
    'desks.makeCode': 'Make an enrolment code',
    'desks.none':
      'No desk is enrolled yet. Make an enrolment code and type it in on the PC to connect.',
    'desks.name': 'Desk',
    'desks.enrolledAt': 'Enrolled',
    'desks.codeBy': 'Code made by',
    'desks.status': 'Status',
    'desks.active': 'In use',
    'desks.thisDesk': 'This PC',
    'desks.revokedOn': 'Revoked {{at}} by {{by}}',
    'desks.revoke': 'Revoke',
    'desks.revokeTitle': 'Revoke “{{name}}”?',
    'desks.revokeText':
      'This PC is cut off at once and can no longer connect to the branch server; whoever is using it is signed out. To use it again, enrol it with a new code.',
    'desks.revoked': '“{{name}}” revoked',
    'desks.code.title': 'Enrolment code',
    'desks.code.once': 'Shown this once, usable once, valid until {{expires}}.',
    'desks.code.readFingerprint':
      'Type this code in on the PC to connect, and read out the server’s certificate fingerprint to its user, to check group by group:',
    'desks.code.readServerFingerprint':
      'Type this code in on the PC to connect, and read out the certificate fingerprint the branch server showed when it started, for its user to check group by group.',
    'desks.code.done': 'Done',
    'serverStatus.unreachable':
      'The branch server cannot be reached: what you typed stays on the screen, and changes not yet saved are not queued behind your back; retrying…',
    'serverStatus.retry': 'Retry now',
  },
);
