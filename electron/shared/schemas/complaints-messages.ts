/**
 * The complaints messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
export const complaintMessages = {
  'v.complaint.name': {
    zh: '请填写投诉人姓名（借款人本人可不填）',
    en: "Enter the complainant's name (it may be left out for the borrower)",
  },
  'v.complaint.visit': {
    zh: '该次走访不属于此借款人',
    en: 'That visit belongs to another borrower',
  },
  'v.complaint.visitLater': {
    zh: '投诉收到日期早于该次走访',
    en: 'The complaint was received before that visit took place',
  },
  'v.complaint.staff': { zh: '没有该员工', en: 'No such staff member' },
  'v.complaint.received': {
    zh: '收到日期不能晚于今天',
    en: 'The date received cannot be after today',
  },
  'v.complaint.closedOn': {
    zh: '结案日期须在收到日期之后、今天或之前',
    en: 'The closing date must lie between the date received and today',
  },
  'e.complaint.closed': {
    zh: '该投诉已结案，不能再修改',
    en: 'This complaint is closed and can no longer be changed',
  },
  'e.complaint.ownComplaint': {
    zh: '投诉涉及您本人，须由其他同事或经理处理',
    en: 'This complaint names you; a colleague or the manager records how it was handled',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
