import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { amountInCapitals, formatYuan } from '../../../electron/shared/money';
import { documentDate, documentDateTime } from '../../../electron/shared/notice-catalogue';
import type { HandInSheetData } from '../../../electron/shared/schemas/cash-handins';
import { cashText } from '../features/records/cash-i18n';
import { SimpleLetterhead } from './SimpleLetterhead';

type CashKey = keyof (typeof cashText)['zh'];

const signed = (fen: number) =>
  fen === 0 ? formatYuan(0) : `${fen < 0 ? '−' : '+'}${formatYuan(Math.abs(fen))}`;

/**
 * 缴款单: one officer's hand-in of one day's visit money, receipt by receipt, with the totals,
 * the difference and its explanation, the manager's sign-off, and two signature lines (who
 * handed the money in; who received and checked it). A4 portrait, in the document's language.
 */
export function CashHandInSheet({ doc }: { doc: HandInSheetData }) {
  const { i18n } = useTranslation();
  const lang = doc.lang;
  const t = useMemo(() => {
    const fixed = i18n.getFixedT(lang === 'zh' ? 'zh-CN' : 'en');
    return (key: CashKey) => {
      const text = fixed(key);
      return text === key ? cashText[lang][key] : text;
    };
  }, [i18n, lang]);
  const h = doc.handIn;
  const sep = lang === 'zh' ? '：' : ': ';
  const inBrackets = (text: string) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const staff =
    lang === 'zh' ? `${h.officerName}（${h.staffNo}）` : `${h.officerName} (${h.staffNo})`;
  return (
    <article
      className="doc cash-handin"
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
      data-kind="cashHandInSheet"
    >
      <SimpleLetterhead
        letterhead={doc.letterhead}
        lang={lang}
        lines={[
          { label: t('cash.sheet.no'), value: doc.referenceNo, strong: true },
          { label: t('cash.sheet.printedOn'), value: documentDateTime(doc.printedAt, lang) },
        ]}
      />
      <h1 className="doc-title">{t('cash.sheet.title')}</h1>
      <table className="facts keyed">
        <tbody>
          <tr>
            <th>{t('cash.sheet.officer')}</th>
            <td>{staff}</td>
            <th>{t('cash.sheet.day')}</th>
            <td>{documentDate(h.day, lang)}</td>
          </tr>
          <tr>
            <th>{t('cash.sheet.handedInOn')}</th>
            <td>{documentDate(h.handedInOn, lang)}</td>
            <th>{t('cash.sheet.recordedBy')}</th>
            <td>{h.recordedBy}</td>
          </tr>
        </tbody>
      </table>
      <table className="facts">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('cash.col.receiptNo')}</th>
            <th>{t('cash.col.paidAt')}</th>
            <th>{t('cash.col.borrower')}</th>
            <th>{t('cash.col.loan')}</th>
            <th>{t('cash.col.method')}</th>
            <th>{t('cash.col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {h.receipts.map((r, index) => (
            <tr key={r.receiptId}>
              <td className="center">{index + 1}</td>
              <td>{r.receiptNo}</td>
              <td>
                {r.paidAt.replace('T', ' ')}
                {r.late ? inBrackets(t('cash.sheet.late')) : ''}
              </td>
              <td>{r.borrowerName}</td>
              <td>{r.loanNo}</td>
              <td className="center">{t(`cash.method.${r.method}`)}</td>
              <td className="num">{formatYuan(r.amountFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={6}>{t('cash.sheet.totalExpected')}</td>
            <td className="num" data-testid="sheet-expected">
              {formatYuan(h.expectedFen)}
            </td>
          </tr>
          <tr>
            <td colSpan={6}>{t('cash.col.counted')}</td>
            <td className="num" data-testid="sheet-counted">
              {formatYuan(h.countedFen)}
            </td>
          </tr>
          <tr>
            <td colSpan={6}>{t('cash.col.difference')}</td>
            <td className="num" data-testid="sheet-difference">
              {signed(h.differenceFen)}
            </td>
          </tr>
        </tfoot>
      </table>
      <table className="facts keyed wide-keys">
        <tbody>
          <tr>
            <th>{t('cash.sheet.expectedCapitals')}</th>
            <td>{amountInCapitals(h.expectedFen)}</td>
          </tr>
          <tr>
            <th>{t('cash.sheet.countedCapitals')}</th>
            <td>{amountInCapitals(h.countedFen)}</td>
          </tr>
          <tr>
            <th>{t('cash.sheet.explanation')}</th>
            <td>{h.differenceFen === 0 ? t('cash.sheet.noDifference') : h.explanation}</td>
          </tr>
          {h.differenceFen !== 0 && (
            <tr>
              <th>{t('cash.sheet.signOff')}</th>
              <td>
                {h.signedOffBy
                  ? `${h.signedOffBy}${h.signOffNote ? `${sep}${h.signOffNote}` : ''}`
                  : t('cash.sheet.notSigned')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="signatures">
        <div className="sign inline">
          <span className="sign-label">{t('cash.sheet.payer')}</span>
          <span className="sign-line" />
        </div>
        <div className="sign inline">
          <span className="sign-label">{t('cash.sheet.receiver')}</span>
          <span className="sign-line" />
        </div>
        <div className="sign inline">
          <span className="sign-label">{t('cash.sheet.date')}</span>
          <span className="sign-line" />
        </div>
        <div className="sign inline">
          <span className="sign-label">{t('cash.sheet.date')}</span>
          <span className="sign-line" />
        </div>
      </div>
    </article>
  );
}
