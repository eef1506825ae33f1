/**
 * The notices messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
/**
 * Why a document cannot be printed, beyond the error code: carried as `details.reason` and
 * shown in the user's language (spread into shared/messages.ts).
 */
export const noticeMessages = {
  'e.planNotApproved': {
    zh: '该还款计划尚待审批，审批通过后方可打印还款计划协议',
    en: 'This repayment plan is waiting for the manager’s approval; its agreement can be printed once it is approved',
  },
  'e.planRejected': {
    zh: '该还款计划已被驳回，没有可打印的还款计划协议',
    en: 'This repayment plan was rejected; there is no agreement to print',
  },
  'e.planSuperseded': {
    zh: '该还款计划已被更正后的计划取代，请打印现行计划的协议',
    en: 'This repayment plan was replaced by an amended one; print the agreement of the plan in force',
  },
  'e.templateVersionMissing': {
    zh: '找不到该模板版本',
    en: 'That template version does not exist',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
