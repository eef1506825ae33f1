import type { TFunction } from 'i18next';
import type { PaymentTrail, PromisePayment } from '../../../electron/shared/schemas/payment-trail';
import { formatYuan as yuan } from '../../../electron/shared/money';
import { defineText } from '../i18n/define';

/**
 * The sources of a payment in words, for the case timeline and the visit record: the money
 * shows once, with the receipt and the head-office files that vouch for it, or the file that
 * showed it with the day it was paid or only the interval between two files.
 */

/**
 * Visit cash that the head-office files have passed over without (fully) showing it, so that
 * no later file can: cash a file may still show (posted with the usual lag) is not flagged.
 */
export const isShortfall = (trail: PaymentTrail): boolean =>
  trail.source === 'visit' && trail.unconfirmedFen > 0 && !trail.stillExpected;

/** When the money was paid: the day, or the interval a file leaves it in. */
function paidWhen(trail: PaymentTrail, t: TFunction): string {
  return trail.paidFrom
    ? t('money.paidBetween', { from: trail.paidFrom, to: trail.paidOn })
    : t('money.paidOn', { date: trail.paidOn });
}

/** One line per source, below the payment's own title (amount, loan, receipt). */
export function paymentSourceLines(trail: PaymentTrail, t: TFunction): string[] {
  if (trail.source === 'visit') {
    const lines = trail.confirmedBy.map((c) =>
      t('money.confirmedByFile', { date: c.fileAsOf, amount: yuan(c.amountFen) }),
    );
    if (trail.unconfirmedFen > 0) {
      lines.push(
        isShortfall(trail) && trail.latestFileAsOf
          ? t('money.notInFile', { amount: yuan(trail.unconfirmedFen), date: trail.latestFileAsOf })
          : t('money.awaitingFile', { amount: yuan(trail.unconfirmedFen) }),
      );
    }
    return lines;
  }
  if (!trail.file) return [];
  const f = trail.file;
  const lines = [
    t('money.fromFile', {
      date: f.asOf,
      previous: f.previousAsOf,
      reduction: yuan(f.reductionFen),
    }),
  ];
  for (const cash of f.visitCash) {
    lines.push(
      t('money.fileIncludesCash', { amount: yuan(cash.amountFen), no: cash.receiptNo ?? '—' }),
    );
  }
  lines.push(
    f.dateFromFile
      ? t('money.dateFromFile', { date: trail.paidOn })
      : t('money.dateUnknown', { from: trail.paidFrom ?? trail.paidOn, to: trail.paidOn }),
  );
  return lines;
}

/** What kept a promise: one line per payment that counted for it. */
export function promiseSourceLines(paidBy: readonly PromisePayment[], t: TFunction): string[] {
  return paidBy.map(({ countedFen, payment }) => {
    const amount = yuan(countedFen);
    const when = paidWhen(payment, t);
    if (payment.source === 'visit') {
      const files = payment.confirmedBy.map((c) => c.fileAsOf).join('、');
      return files
        ? t('money.keptByReceiptConfirmed', { amount, no: payment.receiptNo ?? '—', when, files })
        : t('money.keptByReceipt', { amount, no: payment.receiptNo ?? '—', when });
    }
    return payment.file
      ? t('money.keptByFile', {
          amount,
          date: payment.file.asOf,
          when,
          favour: payment.paidFrom ? t('money.inFavour') : '',
        })
      : t('money.keptByPayment', { amount, when });
  });
}

export const moneyText = defineText(
  {
    'money.paidOn': '{{date}} 还款',
    'money.paidBetween': '{{from}} 至 {{to}} 之间还款',
    'money.confirmedByFile': '总行 {{date}} 文件已确认 {{amount}}',
    'money.notInFile': '{{amount}} 未见于总行文件（最新 {{date}}）：请核对是否已缴款入账',
    'money.awaitingFile': '{{amount}} 待总行文件确认',
    'money.fromFile': '总行 {{date}} 文件：本金较 {{previous}} 减少 {{reduction}}',
    'money.fileIncludesCash': '其中 {{amount}} 为上门收款（收据 {{no}}），已另列，不重复计算',
    'money.dateFromFile': '还款日 {{date}}（文件所载）',
    'money.dateUnknown': '文件未载还款日：{{from}} 至 {{to}} 之间',
    'money.keptByReceipt': '由收据 {{no}} 兑现 {{amount}}（{{when}}）',
    'money.keptByReceiptConfirmed':
      '由收据 {{no}} 兑现 {{amount}}（{{when}}；总行 {{files}} 文件已确认）',
    'money.keptByFile': '由总行 {{date}} 文件所示还款兑现 {{amount}}（{{when}}{{favour}}）',
    'money.keptByPayment': '由还款兑现 {{amount}}（{{when}}）',
    'money.inFavour': '，按有利于借款人的原则判定',
    'money.shortfall': '未见于总行文件',
    'money.paymentSources': '款项来源',
    'money.promiseSources': '兑现情况',
  },
  {
    'money.paidOn': 'paid on {{date}}',
    'money.paidBetween': 'paid between {{from}} and {{to}}',
    'money.confirmedByFile': 'confirmed by head office’s file of {{date}}: {{amount}}',
    'money.notInFile':
      '{{amount}} not in head office’s files (latest {{date}}): check that it was handed in',
    'money.awaitingFile': '{{amount}} awaiting head office’s file',
    'money.fromFile':
      'Head office’s file of {{date}}: principal {{reduction}} lower than on {{previous}}',
    'money.fileIncludesCash':
      'of which {{amount}} was visit cash (receipt {{no}}), listed on its own, not counted twice',
    'money.dateFromFile': 'repaid on {{date}} (as the file says)',
    'money.dateUnknown': 'the file gives no repayment date: between {{from}} and {{to}}',
    'money.keptByReceipt': 'kept by receipt {{no}}: {{amount}} ({{when}})',
    'money.keptByReceiptConfirmed':
      'kept by receipt {{no}}: {{amount}} ({{when}}; confirmed by head office’s file of {{files}})',
    'money.keptByFile':
      'kept by the repayment in head office’s file of {{date}}: {{amount}} ({{when}}{{favour}})',
    'money.keptByPayment': 'kept by a payment: {{amount}} ({{when}})',
    'money.inFavour': ', judged in the borrower’s favour',
    'money.shortfall': 'not in head office’s files',
    'money.paymentSources': 'Where the money stands',
    'money.promiseSources': 'What kept the promise',
  },
);
