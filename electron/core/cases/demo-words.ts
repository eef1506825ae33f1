import type { MetWhom, OutcomeCode, RecordVisitInput } from '../../shared/schemas/records';
import type { SceneKind } from './demo-script';

/**
 * What the staff wrote on each kind of demo visit. Fictitious, in the branch's language (the
 * records are data, like the rest of the demo branch).
 */

interface SceneWords {
  met: MetWhom;
  outcome: OutcomeCode;
  words: string;
  next: string;
  situation?: RecordVisitInput['situation'];
}

const household = (livelihood: string, incomeYuan: number, expensesYuan: number, size: number) => ({
  livelihood,
  income: '农业与务工收入',
  expenses: '日常生活与子女上学',
  assets: '自建房一栋',
  householdSize: size,
  monthlyIncomeFen: incomeYuan * 100,
  monthlyExpensesFen: expensesYuan * 100,
  capacityFen: Math.round((incomeYuan - expensesYuan) * 60),
});

export const sceneWords: Record<SceneKind, SceneWords> = {
  promiseKept: {
    met: 'borrower',
    outcome: 'promise_to_pay',
    words: '借款人称茶叶收购款下周到账，到账当天即通过银行转账归还全部逾期款项。',
    next: '到期日核对入账',
    situation: household('家中茶园四亩，今年春茶价格尚可，收购款延迟结算。', 6500, 4200, 4),
  },
  promiseBroken: {
    met: 'borrower',
    outcome: 'promise_to_pay',
    words: '借款人表示在外务工的儿子月初会寄钱回来，届时先还一半逾期款。',
    next: '到期未还则电话提醒',
  },
  promisePartlyKept: {
    met: 'borrower',
    outcome: 'promise_to_pay',
    words: '借款人称养殖款只结了一部分，承诺先凑一部分，余款尽快筹措。',
    next: '核对部分还款，协商余款安排',
  },
  paidFull: {
    met: 'borrower',
    outcome: 'paid_full',
    words: '借款人已备好逾期本息，当面清点后开具收据，提醒今后按期还款。',
    next: '',
  },
  refused: {
    met: 'borrower',
    outcome: 'refused',
    words: '借款人对罚息有异议，拒绝当场商谈还款；已说明合同约定及申诉渠道。',
    next: '请客户经理解释罚息计算',
  },
  plan: {
    met: 'borrower',
    outcome: 'plan_proposed',
    words: '借款人家中老人住院，一次还清有困难，愿意分六期归还逾期本金。',
    next: '经理审批还款计划',
    situation: household('妻子在家照顾住院的父亲，本人在县城打零工。', 5200, 3900, 5),
  },
  notHome: {
    met: 'nobody',
    outcome: 'not_home',
    words: '敲门无人应答，邻居未被告知来意；未留下任何写有欠款信息的字条。',
    next: '改在傍晚时段再约',
  },
  partPayment: {
    met: 'borrower',
    outcome: 'partial_payment',
    words: '借款人当场交付部分现金，其余款项称需等杨梅季结束后筹措。',
    next: '跟进余款',
  },
  hardship: {
    met: 'spouse',
    outcome: 'hardship',
    words: '借款人外出务工，配偶称家中今年遭遇洪水，稻田受损，暂无还款能力。',
    next: '研究困难客户还款方案',
    situation: household('房屋一层进水，稻田三亩受淹，靠配偶打零工维持。', 3000, 2800, 4),
  },
  cancelled: {
    met: 'borrower',
    outcome: 'refused',
    words: '',
    next: '',
  },
  disputes: {
    met: 'borrower',
    outcome: 'disputes',
    words: '借款人称其中一笔还款已于上月在网点柜面交付，要求核对流水。',
    next: '调取柜面流水核对',
  },
  moved: {
    met: 'family',
    outcome: 'moved',
    words: '借款人母亲称借款人已随子女搬至温州居住，提供了新的联系电话。',
    next: '更新联系方式后电话联系',
  },
  deceased: {
    met: 'family',
    outcome: 'deceased',
    words: '借款人家属告知借款人已于上月病故，已表示慰问，未谈及还款。',
    next: '报经理按继承相关规定处理',
  },
  vulnerableHardship: {
    met: 'borrower',
    outcome: 'hardship',
    words: '借款人患慢性病长期服药，经理批准后上门；仅了解情况，未催促还款。',
    next: '研究减免或延期方案',
    situation: household('本人患病在家休养，主要靠子女接济。', 2200, 2000, 2),
  },
  vulnerablePromise: {
    met: 'borrower',
    outcome: 'promise_to_pay',
    words: '经理批准后上门。借款人身体好转，子女答应下月帮忙归还部分款项。',
    next: '到期日电话确认',
  },
  promisePending: {
    met: 'borrower',
    outcome: 'promise_to_pay',
    words: '借款人承诺发工资后一周内还款，已告知网点指定还款渠道。',
    next: '到期日核对入账',
  },
  awaitingResult: {
    met: 'borrower',
    outcome: 'refused',
    words: '',
    next: '',
  },
};

export const PLAN_SHORTFALL = '先归还逾期本金的大部分，利息与罚息待本金还清后另行协商。';
export const CANCEL_REASON = '借款人来电称当天需陪家人就医，请求改期。';
export const APPROVE_PLAN_REASON = '借款人家庭困难属实，分期方案可行。';
export const COMPLAINT_CALL =
  '投诉：借款人来电称走访人员在院门口交谈时声音较大，担心被邻居听到欠款情况。';
export const COMPLAINT_NOTE =
  '投诉处理：经理调阅走访录音核实，走访人员未向第三方透露欠款信息；已向借款人解释并致歉，提醒走访人员注意场合。已办结。';
export const LEAVE_REASON = '年休假';

export const PENALTY_WAIVER_REASON =
  '借款人家中遭受洪灾，稻田受淹、房屋进水，暂无还款能力；申请全额减免罚息，本金与利息按原合同归还。';
export const PENALTY_WAIVER_APPROVED = '受灾情况经村委会证明属实，同意减免罚息。';
export const INTEREST_WAIVER_REASON =
  '借款人称儿子汇款迟迟未到，请求减免逾期利息后再筹款归还本金。';
export const INTEREST_WAIVER_REJECTED =
  '借款人承诺还款后未履约，且未提供经济困难的证明材料，不符合减免条件；请先落实还款来源。';
export const SETTLEMENT_REASON =
  '借款人患慢性病丧失劳动能力，子女愿在三十日内一次性代为归还所欠总额的六成，其余本金、利息和罚息减免，和解结清。';
export const SETTLEMENT_FIRST_APPROVAL = '病情有医院诊断证明，子女还款来源可靠，同意，报稽核复核。';
