import type { FigureDefinition } from '../../shared/schemas/reports';

/**
 * Every figure of the monthly summary, defined once: its name, what it counts and, for a rate,
 * its numerator and denominator, in Chinese and English. The screen's tooltips and printed
 * definitions, the workbook's definitions sheet and the drill-downs all read this list (it
 * travels with `reports:summary`); no other file carries these words. The order is the order
 * of the cards on screen and of the rows in the workbook.
 *
 * Who made a promise is read from the visit's effective record (the latest correction): the
 * borrower when the borrower was met, a relative when the spouse or family was.
 */

type Text = [zh: string, en: string];
const both = ([zh, en]: Text) => ({ zh, en });

interface Entry {
  kind: FigureDefinition['kind'];
  drilldown: FigureDefinition['drilldown'];
  label: Text;
  definition: Text;
  /** Rates only: what is divided by what. */
  ratio?: { numerator: Text; denominator: Text };
}

const define = (key: string, e: Entry): FigureDefinition => ({
  key,
  kind: e.kind,
  drilldown: e.drilldown,
  label: both(e.label),
  definition: both(e.definition),
  numerator: e.ratio ? both(e.ratio.numerator) : null,
  denominator: e.ratio ? both(e.ratio.denominator) : null,
});

const visitFigures = [
  define('visitsPlanned', {
    kind: 'count',
    drilldown: 'visits',
    label: ['计划走访', 'Visits planned'],
    definition: [
      '计划日期在本月内的走访（含已取消；改期的原计划不计，只计改期后的新走访）。',
      'Visits with a planned date in the month, cancelled ones included; a rescheduled original is not counted, only the visit that replaced it.',
    ],
  }),
  define('visitsCancelled', {
    kind: 'count',
    drilldown: 'visits',
    label: ['已取消', 'Cancelled'],
    definition: ['本月计划走访中已取消的数量。', "The month's visits that were cancelled."],
  }),
  define('visitsDue', {
    kind: 'count',
    drilldown: 'visits',
    label: ['应走访', 'Visits due'],
    definition: [
      '本月计划走访中未取消的数量（计划走访 − 已取消），即本月应当上门的走访。',
      "The month's visits that were not cancelled (visits planned − cancelled): the visits staff were due to carry out.",
    ],
  }),
  define('visitsCarriedOut', {
    kind: 'count',
    drilldown: 'visits',
    label: ['已上门', 'Visits carried out'],
    definition: [
      '本月计划走访中工作人员已上门、留有走访记录的数量，无论见到的是谁（见到人与未见到人之和），以最新更正记录为准。',
      "The month's visits the staff went on and recorded, whoever they met (someone met plus nobody met), by the latest correction.",
    ],
  }),
  define('visitsDone', {
    kind: 'count',
    drilldown: 'visits',
    label: ['已完成', 'Done'],
    definition: [
      '本月计划走访中状态为“已完成”（上门见到了人并已记录）的数量。',
      "The month's visits whose status is done (the staff went, met someone and recorded it).",
    ],
  }),
  define('visitsNotDone', {
    kind: 'count',
    drilldown: 'visits',
    label: ['未完成', 'Not done'],
    definition: [
      '本月计划走访中状态为“未完成”（上门但未见到人）的数量。',
      "The month's visits whose status is not done (the staff went but met nobody).",
    ],
  }),
  define('visitsOpen', {
    kind: 'count',
    drilldown: 'visits',
    label: ['尚未走访', 'Still open'],
    definition: [
      '本月计划走访中仍为“已计划/已通知”、尚无结果的数量。',
      "The month's visits still planned or notified, with no result yet.",
    ],
  }),
  define('completionRate', {
    kind: 'rate',
    drilldown: 'visits',
    label: ['完成率', 'Completion rate'],
    definition: [
      '已上门 ÷ 应走访：工作人员去了就算完成，无论见到谁；见到人的比例是接触率。',
      'Visits carried out ÷ visits due: a visit counts once the staff went, whoever they met; meeting someone is the contact rate.',
    ],
    ratio: {
      numerator: [
        '已上门的走访（有走访记录，无论见到谁）',
        'Visits carried out (recorded, whoever was met)',
      ],
      denominator: ['应走访（计划走访 − 已取消）', 'Visits due (planned − cancelled)'],
    },
  }),
  define('contacts', {
    kind: 'count',
    drilldown: 'visits',
    label: ['见到人', 'Someone met'],
    definition: [
      '已上门走访中见到了借款人、配偶或家人的数量。',
      'Visits carried out where the borrower, spouse or family was met.',
    ],
  }),
  define('contactRate', {
    kind: 'rate',
    drilldown: 'visits',
    label: ['接触率', 'Contact rate'],
    definition: [
      '见到人的走访 ÷ 已上门走访。',
      'Visits where someone was met ÷ visits carried out.',
    ],
    ratio: {
      numerator: [
        '见到借款人、配偶或家人的走访',
        'Visits where the borrower, spouse or family was met',
      ],
      denominator: ['已上门的走访', 'Visits carried out'],
    },
  }),
  define('rightPartyContacts', {
    kind: 'count',
    drilldown: 'visits',
    label: ['见到借款人本人', 'Borrower met'],
    definition: [
      '已上门走访中见到借款人本人的数量。',
      'Visits carried out where the borrower in person was met.',
    ],
  }),
  define('rightPartyRate', {
    kind: 'rate',
    drilldown: 'visits',
    label: ['本人接触率', 'Right-party contact rate'],
    definition: [
      '见到借款人本人的走访 ÷ 已上门走访。',
      'Visits where the borrower was met ÷ visits carried out.',
    ],
    ratio: {
      numerator: ['见到借款人本人的走访', 'Visits where the borrower in person was met'],
      denominator: ['已上门的走访', 'Visits carried out'],
    },
  }),
  define('visitsOverridden', {
    kind: 'count',
    drilldown: 'visits',
    label: ['经理批准的例外', 'Visits with a rule exception'],
    definition: [
      '本月计划走访中经理书面批准了规则例外（写明理由）的数量；尚待另一位经理批准的例外申请不计。',
      "The month's visits for which a manager approved, in writing and with a reason, an exception to a planning rule; an exception still waiting for another manager's approval is not counted.",
    ],
  }),
  define('ruleOverrides', {
    kind: 'count',
    drilldown: 'visits',
    label: ['规则例外次数', 'Rule exceptions'],
    definition: [
      '对本月计划日期内的走访（含改期原计划）经理批准规则例外的次数（审计日志 visit.override）。',
      "The manager's decisions granting an exception to a rule (audit rows visit.override) on visits dated in the month, rescheduled originals included.",
    ],
  }),
  define('overridesSelfApproved', {
    kind: 'count',
    drilldown: 'visits',
    label: ['经理自批的例外', 'Self-approved rule exceptions'],
    definition: [
      '本月计划走访中，规则例外由提出它的经理本人批准的数量（当时支行只有这一位在职经理；有第二位经理时须由另一位批准）。',
      "The month's visits whose rule exception was granted by the manager who proposed it, being then the branch's only active manager (with a second manager, the other one must approve it).",
    ],
  }),
  define('recordsWithViolations', {
    kind: 'count',
    drilldown: 'visits',
    label: ['违反规则的走访记录', 'Visit records breaking a rule'],
    definition: [
      '本月计划走访中，走访记录（以最新更正为准）在保存时复核出违反规则的数量：实际时间超出本网点时段或法定 08:00–22:00、上门员工当天无有效证书、不足两人、没有有效通知（提前 24 小时、08:00–22:00 之间发出）、未经批准在工作单位走访。经理已书面批准例外的规则不计。',
      "The month's visits whose visit record (by the latest correction) broke a rule when it was saved: actual times outside the branch's hours or the legal 08:00–22:00, a staff member without a certificate valid that day, fewer than two staff, no notice that counted (24 hours ahead, given 08:00–22:00), a workplace visit without approval. Rules the manager granted an exception to in writing are not counted.",
    ],
  }),
];

const promiseFigures = [
  define('promisesMade', {
    kind: 'count',
    drilldown: 'promises',
    label: ['承诺还款笔数', 'Promises to pay'],
    definition: [
      '本月计划走访的记录中作出、仍有效（未被更正替代）的承诺还款笔数，无论由借款人本人还是配偶、家人作出。',
      "Promises to pay made in the records of the month's visits and still standing (not superseded by a correction), whether the borrower or the spouse or family made them.",
    ],
  }),
  define('ptpContacts', {
    kind: 'count',
    drilldown: 'visits',
    label: ['本人作出承诺的走访', 'Borrower promised'],
    definition: [
      '见到借款人本人、且借款人本人作出了仍有效的承诺还款的走访数；一次走访记下几笔承诺都只计一次。',
      'Visits where the borrower in person was met and made a promise to pay that still stands; a visit counts once however many promises it recorded.',
    ],
  }),
  define('ptpRate', {
    kind: 'rate',
    drilldown: 'visits',
    label: ['承诺率', 'PTP rate'],
    definition: [
      '本人作出承诺的走访 ÷ 见到借款人本人的走访，按走访计，不会超过 100%。配偶、家人作出的承诺不计入，见“亲属承诺”。',
      'Visits where the borrower promised ÷ visits where the borrower was met, counted per visit, so never above 100%. Promises by the spouse or family are not counted here; see "Promises by relatives".',
    ],
    ratio: {
      numerator: [
        '见到借款人本人且本人作出了仍有效承诺的走访',
        'Visits where the borrower was met and made a promise that still stands',
      ],
      denominator: ['见到借款人本人的走访', 'Visits where the borrower in person was met'],
    },
  }),
  define('relativePromises', {
    kind: 'count',
    drilldown: 'promises',
    label: ['亲属承诺', 'Promises by relatives'],
    definition: [
      '本月走访中未见到借款人本人、由见到的配偶或家人作出且仍有效的承诺还款笔数；单独统计，不计入承诺率。',
      "Standing promises to pay made on the month's visits by the spouse or family met there, the borrower not being met; counted on their own, not in the PTP rate.",
    ],
  }),
  define('promisedFen', {
    kind: 'fen',
    drilldown: 'promises',
    label: ['承诺金额', 'Amount promised'],
    definition: [
      '本月走访中作出、仍有效的全部承诺还款（借款人本人及亲属）的金额合计（元）。',
      "The total of all standing promises made on the month's visits, the borrower's and relatives' (yuan).",
    ],
  }),
  define('relativePromisedFen', {
    kind: 'fen',
    drilldown: 'promises',
    label: ['亲属承诺金额', 'Amount promised by relatives'],
    definition: [
      '承诺金额中由配偶、家人作出的部分（元）。',
      'The part of the amount promised that the spouse or family promised (yuan).',
    ],
  }),
  define('promisesDue', {
    kind: 'count',
    drilldown: 'promises',
    label: ['本月到期承诺', 'Promises due'],
    definition: [
      '承诺还款日在本月内、仍有效的承诺笔数（无论在哪个月作出）。',
      'Standing promises whose due date falls in the month, whenever they were made.',
    ],
  }),
  define('promisesKept', {
    kind: 'count',
    drilldown: 'promises',
    label: ['已兑现承诺', 'Promises kept'],
    definition: [
      '本月到期承诺中已全额兑现的笔数（部分兑现不计）。',
      'Promises due in the month that were kept in full (partly kept ones do not count).',
    ],
  }),
  define('ptpKeptRate', {
    kind: 'rate',
    drilldown: 'promises',
    label: ['承诺兑现率', 'PTP kept rate'],
    definition: ['已兑现承诺 ÷ 本月到期承诺。', 'Promises kept ÷ promises due in the month.'],
    ratio: {
      numerator: ['本月到期且已全额兑现的承诺', 'Promises due in the month and kept in full'],
      denominator: ['本月到期、仍有效的承诺', 'Standing promises due in the month'],
    },
  }),
];

const moneyFigures = [
  define('collectedFen', {
    kind: 'fen',
    drilldown: 'payments',
    label: ['回收金额', 'Amount collected'],
    definition: [
      '本月内入账、且所属贷款在本月有已完成走访的还款合计（元）。按催收员统计时，为其本人走访过的贷款。',
      'Payments received in the month on loans that had a done visit in the month (yuan). Per officer: the loans that officer visited.',
    ],
  }),
  define('targetFen', {
    kind: 'fen',
    drilldown: null,
    label: ['回收目标', 'Collection target'],
    definition: [
      '本月为支行或催收员设定的回收金额目标（元）；未设定时为空。',
      "The month's collection target for the branch or the officer (yuan); empty when none was set.",
    ],
  }),
  define('collectedVsTarget', {
    kind: 'rate',
    drilldown: 'payments',
    label: ['目标达成率', 'Collected vs target'],
    definition: ['回收金额 ÷ 回收目标。', 'Amount collected ÷ collection target.'],
    ratio: {
      numerator: ['回收金额', 'Amount collected'],
      denominator: ['回收目标', 'Collection target'],
    },
  }),
  define('plansApproved', {
    kind: 'count',
    drilldown: 'plans',
    label: ['批准的还款计划', 'Repayment plans approved'],
    definition: [
      '本月（支行所在时区）由经理批准的还款计划数；按催收员统计时归于提出计划的人。',
      'Repayment plans a manager approved in the month (branch time zone); per officer, counted for whoever proposed the plan.',
    ],
  }),
  define('plansSelfApproved', {
    kind: 'count',
    drilldown: 'plans',
    label: ['经理自批的还款计划', 'Self-approved repayment plans'],
    definition: [
      '本月批准的还款计划中，由提出计划的经理本人批准的数量（当时支行只有这一位可审批的在职人员）；按人员统计时归于该经理。',
      "Repayment plans approved in the month by the manager who proposed them, being then the branch's only active approver; per person, counted for that manager.",
    ],
  }),
];

const loanFigures = [
  define('loansOverdueAtStart', {
    kind: 'count',
    drilldown: 'loans',
    label: ['月初逾期贷款', 'Loans overdue at start'],
    definition: [
      '本月1日账龄在 M1 及以上的贷款笔数：取1日或之前最近一次快照，从其逾期起始日数到1日；按催收员统计时为其名下借款人的贷款。',
      "Loans in bucket M1 or worse on the 1st of the month: days past due counted to the 1st from the overdue date in the latest snapshot on or before it; per officer, the loans of that officer's borrowers.",
    ],
  }),
  define('loansCured', {
    kind: 'count',
    drilldown: 'loans',
    label: ['已转正常', 'Loans cured'],
    definition: [
      '月初逾期、本月最后一天回到 M0 且仍有余额的贷款笔数（取该日或之前最近一次快照，账龄数到该日）；月末已结清的不算转正常，见“已结清”。',
      'Loans overdue at the start that are back in M0 with a balance left on the last day of the month (the latest snapshot on or before it, its days past due counted to that day); loans paid off are not cures, see "Loans paid off".',
    ],
  }),
  define('loansPaidOff', {
    kind: 'count',
    drilldown: 'loans',
    label: ['已结清', 'Loans paid off'],
    definition: [
      '月初逾期、月末快照本金余额为零（已结清）的贷款笔数。',
      'Loans overdue at the start whose snapshot at the end of the month has no principal left (paid off).',
    ],
  }),
  define('cureRate', {
    kind: 'rate',
    drilldown: 'loans',
    label: ['治愈率', 'Cure rate'],
    definition: [
      '已转正常 ÷ 月初逾期贷款；已结清的贷款不算转正常。',
      'Loans cured ÷ loans overdue at the start of the month; loans paid off are not cures.',
    ],
    ratio: {
      numerator: [
        '月初逾期、月末回到 M0 且仍有余额的贷款',
        'Loans overdue at the start, back in M0 with a balance at the end',
      ],
      denominator: ['月初账龄 M1 及以上的贷款', 'Loans in M1 or worse at the start'],
    },
  }),
];

const complaintFigures = [
  define('complaintsReceived', {
    kind: 'count',
    drilldown: 'complaints',
    label: ['收到投诉', 'Complaints received'],
    definition: [
      '投诉登记中收到日期在本月（支行日历）的投诉数；按人员统计时计入投诉涉及的每位员工（登记时所选员工，或所选走访的全部人员），未涉及具体员工的只计入支行。',
      'Complaints in the register received in the month (branch calendar); per officer, counted for every staff member a complaint concerns (the staff named, or all the staff of the visit it names); one that names nobody counts for the branch only.',
    ],
  }),
  define('complaintsOpen', {
    kind: 'count',
    drilldown: 'complaints',
    label: ['月末未结投诉', 'Complaints open at month end'],
    definition: [
      '本月最后一天或之前收到、到月末仍未结案的投诉数（含以前月份收到的）；按人员统计同上。',
      'Complaints received on or before the last day of the month and not closed by its end, earlier months’ included; per officer as above.',
    ],
  }),
  define('complaintsClosed', {
    kind: 'count',
    drilldown: 'complaints',
    label: ['本月结案投诉', 'Complaints closed'],
    definition: [
      '经理在本月（结案日期）结案的投诉数，无论何时收到；按人员统计同上。',
      'Complaints the manager closed in the month (by the date closed), whenever they were received; per officer as above.',
    ],
  }),
];

const cashFigures = [
  define('cashCollectedFen', {
    kind: 'fen',
    drilldown: null,
    label: ['上门收款', 'Visit money taken'],
    definition: [
      '本月（支行日历，按收款时间）上门走访出具收据的金额合计（现金、转账及其他）；按人员统计时计入该次走访的每位人员。',
      'The amount of the receipts issued on visits in the month (branch calendar, by when the money was taken), cash, transfer and other alike; per officer, counted for everyone who went on the visit.',
    ],
  }),
  define('cashHandedInLate', {
    kind: 'count',
    drilldown: null,
    label: ['逾期缴款收据', 'Receipts handed in late'],
    definition: [
      '本月出具、未在收款后下一个工作日（跳过周末和法定节假日，调休上班日算工作日）结束前交回网点的收据张数：缴款日期晚于该日，或至今未缴且该日早于本月最后一天；按人员统计同上款。',
      'Receipts issued in the month that did not reach the branch by the end of the next working day after the money was taken (weekends and public holidays skipped, swap working days worked): handed in after that day, or not handed in yet although that day fell before the last day of the month; per officer as above.',
    ],
  }),
  define('cashOpenDifferences', {
    kind: 'count',
    drilldown: null,
    label: ['未签核缴款差额', 'Open hand-in differences'],
    definition: [
      '月末或之前登记、实缴与应缴不符且到月末仍未经经理签核的缴款笔数（含以前月份登记的）；按人员统计时计入缴款人。',
      'Hand-ins recorded by the end of the month whose counted amount differs from their receipts and that the manager had not signed off by the month’s end, earlier months’ included; per officer, counted for who handed the money in.',
    ],
  }),
];

const waiverFigures = [
  define('waiversApproved', {
    kind: 'count',
    drilldown: null,
    label: ['批准减免与和解', 'Waivers and settlements approved'],
    definition: [
      '第二人审批日期在本月（支行日历）的减免罚息、减免利息和和解结清申请数；之后因逾期未还而失效的和解仍计入其批准月份。按人员统计时计入申请人。',
      'Proposals to waive penalty or interest, or to settle for less, whose second approval fell in the month (branch calendar); a settlement that later lapsed unpaid still counts in the month it was approved. Per officer, counted for who proposed it.',
    ],
  }),
  define('waivedFen', {
    kind: 'fen',
    drilldown: null,
    label: ['减免金额合计', 'Amount waived'],
    definition: [
      '上述申请的减免金额合计（和解结清为所欠本息罚息合计减去借款人应还金额）；按人员统计同上。',
      'The amounts waived by those proposals (for a settlement, what was owed in principal, interest and penalty less what the borrower pays); per officer as above.',
    ],
  }),
  define('penaltyWaivers', {
    kind: 'count',
    drilldown: null,
    label: ['减免罚息笔数', 'Penalty waivers'],
    definition: [
      '本月批准的减免罚息申请数；按人员统计同上。',
      'Penalty waivers approved in the month; per officer as above.',
    ],
  }),
  define('penaltyWaivedFen', {
    kind: 'fen',
    drilldown: null,
    label: ['减免罚息金额', 'Penalty waived'],
    definition: [
      '本月批准的减免罚息金额合计；按人员统计同上。',
      'The penalty interest waived by those approved in the month; per officer as above.',
    ],
  }),
  define('interestWaivers', {
    kind: 'count',
    drilldown: null,
    label: ['减免利息笔数', 'Interest waivers'],
    definition: [
      '本月批准的减免利息申请数；按人员统计同上。',
      'Interest waivers approved in the month; per officer as above.',
    ],
  }),
  define('interestWaivedFen', {
    kind: 'fen',
    drilldown: null,
    label: ['减免利息金额', 'Interest waived'],
    definition: [
      '本月批准的减免利息金额合计；按人员统计同上。',
      'The interest waived by those approved in the month; per officer as above.',
    ],
  }),
  define('settlementsApproved', {
    kind: 'count',
    drilldown: null,
    label: ['和解结清笔数', 'Settlements approved'],
    definition: [
      '本月批准的和解结清申请数；按人员统计同上。',
      'Settlements for less approved in the month; per officer as above.',
    ],
  }),
  define('settlementWaivedFen', {
    kind: 'fen',
    drilldown: null,
    label: ['和解减免金额', 'Waived by settlements'],
    definition: [
      '本月批准的和解结清所减免的金额合计（所欠合计减借款人应还）；按人员统计同上。',
      'What the settlements approved in the month waive (owed in all less what the borrower pays); per officer as above.',
    ],
  }),
];

export const rollRateDefinition = define('rollRate', {
  kind: 'rate',
  drilldown: 'loans',
  label: ['迁徙率矩阵', 'Roll-rate matrix'],
  definition: [
    '行为月初（1日）账龄（M0 正常，M1 逾期 1–30 天，M2 31–60 天，M3 61–90 天，M4+ 90 天以上），列为月末（最后一天）账龄。账龄按当日计：取当日或之前最近一次快照，从其逾期起始日数到当日（总行的日常增量文件只含有变化的贷款，文件中未再出现的逾期贷款照样逐日增加逾期天数）。每格：月初在该行、月末在该列的贷款的月末本金余额 ÷ 该行账龄全部贷款的月初本金余额；旁边是按笔数的同一比率。转正常的回到 M0 列；月末余额为零的贷款单列“已结清”（按其月初余额计），不算转正常。月初该账龄没有贷款时显示“—”。只计月初已有快照的贷款。按催收员的矩阵只计其名下借款人的贷款（未分配的借款人只计入支行）。支行可在设置中把 M4+ 再分段：M4-M5（91–150 天）与 M6+（151 天以上），或再分出 M6-M11（151–330 天）与 M12+（331 天以上）。',
    'Rows: the bucket on the 1st of the month (M0 current, M1 1–30 days overdue, M2 31–60, M3 61–90, M4+ over 90); columns: the bucket on its last day. A loan’s bucket is taken on the day itself: days past due counted to that day from the overdue date in the latest snapshot on or before it (head office’s daily files carry only the loans that changed; an overdue loan no later file mentions keeps ageing). Each cell: the end-of-month principal of the loans that moved from its row to its column ÷ the start-of-month principal of the whole row bucket; beside it the same by count. Cures roll back to the M0 column; loans with no principal left at the end are their own column, paid off (at their start principal), not cures. A bucket with no loans at the start shows "—". Only loans with a snapshot by the start of the month count. An officer’s matrix counts the loans of that officer’s borrowers (unassigned borrowers count for the branch only). A branch may split M4+ in its settings: M4-M5 (91–150 days) and M6+ (over 150), or further M6-M11 (151–330) and M12+ (over 330).',
  ],
  ratio: {
    numerator: [
      '月初在账龄 n、月末在账龄 m 的贷款的月末本金余额（按笔数时为其笔数）',
      'End-of-month principal of the loans in bucket n at the start and bucket m at the end (by count: how many)',
    ],
    denominator: [
      '月初在账龄 n 的全部贷款的月初本金余额（按笔数时为其笔数）',
      'Start-of-month principal of all loans in bucket n at the start (by count: how many)',
    ],
  },
});

/** Every figure's definition, in display order. */
export const figureDefinitions: readonly FigureDefinition[] = [
  ...visitFigures,
  ...promiseFigures,
  ...moneyFigures,
  ...loanFigures,
  ...complaintFigures,
  ...cashFigures,
  ...waiverFigures,
  rollRateDefinition,
];

export function definitionOf(key: string): FigureDefinition {
  const found = figureDefinitions.find((d) => d.key === key);
  if (!found) throw new Error(`internal: no definition for the figure ${key}`);
  return found;
}
