import type { TranslationKey } from './zh';

export const en: Record<TranslationKey, string> = {
  'common.next': 'Next',
  'common.back': 'Back',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.saved': 'Saved',
  'common.loading': 'Loading…',
  'common.close': 'Close',

  'setup.title': 'Welcome to Visitdesk',
  'setup.intro':
    'First run: enter your branch and create the first manager account. All data is stored encrypted on this PC.',
  'setup.step.branch': 'Branch',
  'setup.step.manager': 'Manager account',
  'setup.step.recovery': 'Recovery key',
  'setup.managerIntro':
    'The manager account manages staff, rules and templates. Use a passphrase of at least 10 characters that only you know.',
  'setup.creating': 'Creating the encrypted database…',
  'setup.create': 'Create',
  'setup.branch.name': 'Branch name',
  'setup.branch.code': 'Branch code',
  'setup.branch.address': 'Address',
  'setup.branch.phone': 'Phone',
  'setup.branch.complaintHotline': 'Complaint hotline',
  'setup.branch.timeZone': 'Time zone',
  'setup.branch.timeZone.help': 'Default Asia/Shanghai (Beijing time)',
  'setup.branch.phone.help': 'Printed on notices so borrowers can reschedule',
  'setup.manager.name': 'Name',
  'setup.manager.staffNo': 'Staff number',
  'setup.manager.username': 'User name',
  'setup.manager.passphrase': 'Passphrase',
  'setup.manager.confirm': 'Passphrase again',
  'setup.manager.passphrase.help': 'At least 10 characters',

  'recovery.title': 'Recovery key',
  'recovery.branch': 'Branch: {{name}}',
  'recovery.warning':
    'This is the database key itself and is shown only once. Print it and lock it in the safe. If every passphrase is forgotten or the key file is damaged, only this opens the data.',
  'recovery.explain':
    'The 64 hexadecimal digits are the raw SQLCipher 4 key: any SQLCipher 4 tool opens the branch database with it, so the data is never locked into Visitdesk.',
  'recovery.signature': 'Kept by (signature): ________________    Date: ____________',
  'recovery.print': 'Print',
  'recovery.stored': 'I have printed it and stored it safely',
  'recovery.continue': 'Start using Visitdesk',

  'auth.signInTitle': 'Sign in',
  'auth.username': 'User name',
  'auth.passphrase': 'Passphrase',
  'auth.signingIn': 'Unlocking…',
  'auth.signIn': 'Sign in',
  'auth.useRecoveryKey': 'Forgot the passphrase? Use the recovery key',
  'auth.signOut': 'Sign out',
  'auth.autoLocked': 'Locked after a period of inactivity',
  'auth.serverEnded':
    'The branch server ended this sign-in (inactivity, a server restart or this PC’s enrolment revoked); please sign in again',
  'auth.throttled': 'Too many attempts; try again in {{seconds}} s',
  'auth.showPassphrase': 'Show passphrase',
  'auth.hidePassphrase': 'Hide passphrase',

  'recover.title': 'Use the recovery key',
  'recover.intro':
    'Enter the printed recovery key to give an account a new passphrase. A lost key file is rebuilt too.',
  'recover.key': 'Recovery key',
  'recover.newPassphrase': 'New passphrase',
  'recover.confirm': 'New passphrase again',
  'recover.submit': 'Set new passphrase',
  'recover.done': 'New passphrase set; please sign in',

  'damaged.title': 'The database cannot be opened',
  'damaged.restored': 'Restored from backup: {{file}}',
  'damaged.nothingDeleted':
    'Nothing has been deleted. A restore keeps the current file, renamed, in the same folder.',
  'damaged.restoring': 'Checking and restoring…',
  'damaged.restore': 'Restore the newest backup',
  'damaged.noBackup':
    'There is no usable backup. Contact head office IT and leave the data folder as it is.',
  'damaged.confirmIdentity': 'Enter your user name and passphrase to open and check the backup:',

  'account.changePassphrase': 'Change passphrase',
  'account.current': 'Current passphrase',
  'account.next': 'New passphrase',
  'account.confirm': 'New passphrase again',
  'account.passphraseChanged': 'Passphrase changed',

  'crash.title': 'This screen failed',
  'crash.body': 'Unfinished work was not saved. Try again, or switch to another screen.',
  'crash.retry': 'Try again',

  'nav.cases': 'Cases',
  'nav.calendar': 'Calendar',
  'nav.visits': 'Visits',
  'nav.notices': 'Notices',
  'nav.reports': 'Reports',
  'nav.staff': 'Staff',
  'nav.settings': 'Settings',

  'shell.language': 'Language',
  'shell.navigation': 'Navigation',
  'shell.uncleanShutdown':
    'Visitdesk did not close properly last time; the database is being checked in the background.',
  'shell.notBuilt': '“{{section}}” is not built yet; it comes in a later version.',

  'role.manager': 'Manager',
  'role.officer': 'Collection officer',
  'role.clerk': 'Clerk',
  'role.auditor': 'Auditor',

  'settings.branch': 'Branch',
  'settings.branchHelp': 'Printed on notices and the monthly summary',
  'settings.security': 'Security',
  'settings.autoLock': 'Auto-lock (minutes)',
  'settings.autoLockHelp': 'Locks after this long without activity; sign in again to continue',
  'settings.backups': 'Backups',
  'settings.backupsHelp':
    'Backed up automatically once a day when used, keeping the last 14; backups are encrypted too and carry the key file.',
  'settings.backupDone': 'Backup complete',
  'auth.onServer': 'Database server: {{server}}',
  'settings.dataOnServer':
    'This branch’s data is on the database server {{server}}, not on this PC. Backups and restores are made on the server by its administrator (pg_dump; on the command line, backup --database-url); this PC makes none.',
  'auth.onBranchServer': 'Branch server: {{server}}',
  'settings.dataOnBranchServer':
    'This branch’s data is on the branch server {{server}}, not on this PC. The server makes the backups each day (see how the server is run); this PC makes none.',
  'keys.rotateOnBranchServer':
    'The data is on the branch server: this PC keeps no database key. The key is changed on the server’s PC, with the branch server stopped.',
  'keys.rotateOnServer':
    'The data is on a database server: this PC’s key file is protected by each account’s passphrase, and the database login’s password is changed by the server’s administrator.',
  'checkpoint.latest':
    'Latest signed checkpoint: {{at}}, the first {{rows}} audit rows, head {{head}}, signed by {{username}}. Keep a copy away from this PC (with the report), so that audit rows removed or rewritten later are found.',
  'checkpoint.none': 'No signed checkpoint yet (one is made at every month close and backup).',
  'settings.backingUp': 'Backing up…',
  'settings.backupNow': 'Back up now',
  'settings.noBackups': 'No backups yet',
  'settings.backupTime': 'Time',
  'settings.backupFile': 'File',
  'settings.backupSize': 'Size',
  'settings.integrity': 'Integrity check',
  'settings.integrityHelp': 'Checks the database file and the audit log hash chain',
  'settings.checkNow': 'Check now',
  'settings.integrityOk': 'Database intact; audit chain verified',
  'settings.integrityBad': 'Problems found',
  'settings.auditBroken': 'The audit chain breaks at row {{id}}',
  'settings.auditRows': '{{count}} audit rows',
  'settings.auditHead': 'Audit chain head hash',

  'accounts.title': 'Sign-in accounts',
  'accounts.help':
    'Each account has its own passphrase; disabling an account removes its key slot.',
  'accounts.empty': 'No staff records yet',
  'accounts.staffNo': 'Staff no.',
  'accounts.name': 'Name',
  'accounts.role': 'Role',
  'accounts.username': 'User name',
  'accounts.actions': 'Actions',
  'accounts.none': 'No account',
  'accounts.create': 'Create account',
  'accounts.reset': 'Reset passphrase',
  'accounts.disable': 'Disable account',
  'accounts.created': 'Account created',
  'accounts.resetDone': 'Passphrase reset',
  'accounts.disabled': 'Account disabled',
  'accounts.disableTitle': 'Disable the account of {{name}}?',
  'accounts.disableBody':
    'Its key slot is deleted and the passphrase stops working at once. The staff record stays; an account can be created again.',
  'accounts.createTitle': 'Create an account for {{name}}',
  'accounts.resetTitle': 'Reset the passphrase of {{name}}',
  'accounts.initialPassphrase': 'Initial passphrase',
  'accounts.initialHelp':
    'Tell it to the person directly and ask them to change it after signing in',
  'keys.rotate': 'Rotate database key',
  'keys.rotateTitle': 'Rotate the database key',
  'keys.rotateWarning':
    'The whole database is re-encrypted under a new key, re-sealed for every account (passphrases stay the same). The old recovery key stops working: print the new one. Recommended after a staff member leaves.',
  'keys.confirmPassphrase': 'Confirm with your passphrase',
  'keys.rotating': 'Re-encrypting…',
  'retention.title': 'Retention of personal data',
  'retention.help':
    'Under PIPL, closed cases kept past the retention period are deleted or anonymised. Anonymising keeps amounts, dates and outcomes, and removes names, ID numbers, phones, addresses and free text.',
  'retention.years': 'Years kept after closing',
  'retention.yearsRange': 'Must be 2–30 years',
  'retention.preview': 'Preview',
  'retention.anonymise': 'Anonymise',
  'retention.found': '{{count}} cases closed before {{cutoff}} can be anonymised',
  'retention.none': 'No cases closed before {{cutoff}}',
  'retention.done': '{{count}} cases anonymised',
  'retention.confirmTitle': 'Anonymise {{count}} cases?',
  'retention.confirmBody': 'This cannot be undone and is written to the audit log.',
  'retention.keep': 'Amounts, dates and visit outcomes stay for the monthly summaries.',
  'retention.sealed':
    'Their details in the audit log become unreadable (the hash chain still verifies).',
  'retention.plainAudit':
    '{{count}} older audit rows about them were written before audit details were sealed; they stay readable and cannot be changed without breaking the hash chain.',
  'retention.backups':
    'Existing backups still hold the old data until they rotate out; after restoring an older backup, anonymise again.',
};
