import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { amountInCapitals, formatYuan } from '../../../electron/shared/money';
import { documentDate, documentDateTime } from '../../../electron/shared/notice-catalogue';
import type { WaiverAgreementData } from '../../../electron/shared/schemas/waivers';
import { waiversText } from '../features/waivers/i18n';
import { SimpleLetterhead } from './SimpleLetterhead';

type WaiverKey = keyof (typeof waiversText)['zh'];

/**
 * 减免/和解协议: an approved waiver of penalty or interest, or a settlement for less, on A4
 * under the branch's letterhead: the borrower (ID masked), the loan, what was owed, what is
 * waived (and for a settlement what the borrower pays and by when) in figures and in Chinese
 * capitals, the terms, both approvers, and signature places for the borrower and the branch.
 */
export function WaiverAgreement({ doc }: { doc: WaiverAgreementData }) {
  const { i18n } = useTranslation();
  const lang = doc.lang;
  const t = useMemo(() => {
    const fixed = i18n.getFixedT(lang === 'zh' ? 'zh-CN' : 'en');
    return (key: WaiverKey, values?: Record<string, string>) => {
      const text = fixed(key, values);
      if (text !== key) return text;
      return Object.entries(values ?? {}).reduce(
        (s, [k, v]) => s.replaceAll(`{{${k}}}`, v),
        waiversText[lang][key],
      );
    };
  }, [i18n, lang]);
  const w = doc.waiver;
  const money = (fen: number) => (
    <>
      <td className="num">{formatYuan(fen)}</td>
      <td>{amountInCapitals(fen)}</td>
    </>
  );
  return (
    <article
      className="doc waiver-agreement"
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
      data-kind="waiverAgreement"
    >
      <SimpleLetterhead
        letterhead={doc.letterhead}
        lang={lang}
        lines={[
          { label: t('waivers.doc.no'), value: doc.referenceNo, strong: true },
          { label: t('waivers.doc.printedOn'), value: documentDateTime(doc.printedAt, lang) },
        ]}
      />
      <h1 className="doc-title">{t(`waivers.doc.title.${w.kind}`)}</h1>
      <table className="facts keyed">
        <tbody>
          <tr>
            <th>{t('waivers.doc.borrower')}</th>
            <td>{doc.borrower.name}</td>
            <th>{t('waivers.doc.idNumber')}</th>
            <td>{doc.borrower.maskedId}</td>
          </tr>
          <tr>
            <th>{t('waivers.doc.address')}</th>
            <td colSpan={3}>{doc.borrower.address}</td>
          </tr>
          <tr>
            <th>{t('waivers.doc.loan')}</th>
            <td>{doc.loan.loanNo}</td>
            <th>{t('waivers.doc.loanAmount')}</th>
            <td>{formatYuan(doc.loan.principalFen)}</td>
          </tr>
          <tr>
            {/* A term needs both ends; head office's file may give only the disbursement. */}
            <th>{t(doc.loan.maturityOn ? 'waivers.doc.loanTerm' : 'waivers.doc.disbursedOn')}</th>
            <td colSpan={3}>
              {documentDate(doc.loan.disbursedOn, lang)}
              {doc.loan.maturityOn
                ? `${lang === 'zh' ? '至' : ' – '}${documentDate(doc.loan.maturityOn, lang)}`
                : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="facts">
        <thead>
          <tr>
            <th>
              {t('waivers.doc.item')}
              {lang === 'zh' ? '（' : ' ('}
              {t('waivers.doc.owed')}
              {lang === 'zh' ? '）' : ')'}
            </th>
            <th>{t('waivers.doc.figures')}</th>
            <th>{t('waivers.doc.capitals')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('waivers.doc.principal')}</td>
            {money(w.principalOwedFen)}
          </tr>
          <tr>
            <td>{t('waivers.doc.interest')}</td>
            {money(w.interestOwedFen)}
          </tr>
          <tr>
            <td>{t('waivers.doc.penalty')}</td>
            {money(w.penaltyOwedFen)}
          </tr>
          <tr>
            <td>{t('waivers.doc.total')}</td>
            {money(w.owedFen)}
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <td>
              <b>{t('waivers.doc.waived')}</b>
            </td>
            {money(w.waivedFen)}
          </tr>
          {w.settlePayFen !== null && (
            <tr>
              <td>
                <b>{t('waivers.doc.pays')}</b>
              </td>
              {money(w.settlePayFen)}
            </tr>
          )}
        </tfoot>
      </table>
      <table className="facts keyed wide-keys">
        <tbody>
          {w.payBy && (
            <tr>
              <th>{t('waivers.doc.payBy')}</th>
              <td>{documentDate(w.payBy, lang)}</td>
            </tr>
          )}
          <tr>
            <th>{t('waivers.doc.reason')}</th>
            <td>{w.reason}</td>
          </tr>
          <tr>
            <th>{t('waivers.doc.approvals')}</th>
            <td>
              {w.approvals.map((a) => (
                <div key={a.staffId}>
                  {t('waivers.doc.approval', {
                    role: t(`waivers.role.${a.role}`),
                    name: a.name,
                    staffNo: a.staffNo,
                    date: documentDate(a.day, lang),
                  })}
                </div>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="indent">
        <p>{t(`waivers.doc.terms.${w.kind}`)}</p>
        <p>{t('waivers.doc.termsCommon')}</p>
      </div>
      <div className="signatures">
        <div className="sign party-a">
          <div className="seal-place" aria-hidden="true">
            {t('waivers.doc.seal')}
          </div>
          <div>
            {t('waivers.doc.partyA')}
            <span className="sign-line" />
          </div>
          <div>{doc.letterhead.name}</div>
          <div>
            {t('waivers.doc.partyARep')}
            <span className="sign-line" />
          </div>
          <div>
            {t('waivers.doc.signDate')}
            <span className="sign-line" />
          </div>
        </div>
        <div className="sign">
          <div>
            {t('waivers.doc.partyB')}
            <span className="sign-line" />
          </div>
          <div>{doc.borrower.name}</div>
          <div>
            {t('waivers.doc.signDate')}
            <span className="sign-line" />
          </div>
        </div>
      </div>
    </article>
  );
}
