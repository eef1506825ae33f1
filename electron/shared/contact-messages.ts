import { LEGAL_EARLIEST, LEGAL_LATEST, LEGAL_MAX_CONTACTS_PER_DAY } from './legal-limits';

/** Field messages of a refused contact (the form shows them beside the field). */
export const contactMessages = {
  'v.contact.outOfHours': {
    zh: `${LEGAL_LATEST}–${LEGAL_EARLIEST} 不得联系借款人`,
    en: `No contact between ${LEGAL_LATEST} and ${LEGAL_EARLIEST}`,
  },
  'v.contact.dailyLimit': {
    zh: '当天电话/短信联系次数已达上限',
    en: 'The day’s limit of calls and texts is reached',
  },
  'v.contact.managerOnly': {
    zh: '此时的借款人主动联系须由经理登记',
    en: 'A manager records a borrower-initiated contact at this time',
  },
  'v.contactsPerDay': {
    zh: `应为 1–${LEGAL_MAX_CONTACTS_PER_DAY} 次（法定上限 ${LEGAL_MAX_CONTACTS_PER_DAY} 次）`,
    en: `Must be 1–${LEGAL_MAX_CONTACTS_PER_DAY} (the legal limit is ${LEGAL_MAX_CONTACTS_PER_DAY})`,
  },
} as const satisfies Record<string, { zh: string; en: string }>;
