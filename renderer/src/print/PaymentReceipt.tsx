import { amountInCapitals, formatYuan } from '../../../electron/shared/money';
import { documentDateTime, staffWithNumber } from '../../../electron/shared/notice-catalogue';
import { paymentMethodLabels, type DocumentOf } from '../../../electron/shared/schemas/notices';
import { Blocks, SealBlock, TemplatedDocument } from './parts';

/**
 * 收据: for money taken during a visit, signed by the payer and two staff. The letterhead
 * carries its receipt number (QS001-SJ-2026-000001) and its document reference
 * (QS001-2026-000001), and the date the money was taken.
 */
export function PaymentReceipt({ doc }: { doc: DocumentOf<'paymentReceipt'> }) {
  return (
    <TemplatedDocument doc={doc}>
      {({ sections, t }) => (
        <>
          <div className="indent">
            <Blocks blocks={sections.body} />
          </div>
          <table className="facts keyed wide-keys">
            <tbody>
              <tr>
                <th>{t('print.receipt.loanNo')}</th>
                <td>{doc.loanNo}</td>
                <th>{t('print.receipt.method')}</th>
                <td>{paymentMethodLabels[doc.method][doc.lang]}</td>
              </tr>
              <tr>
                <th>{t('print.receipt.amountFigures')}</th>
                <td className="num">
                  <b>{formatYuan(doc.amountFen)}</b>
                </td>
                <th>{t('print.receipt.paidAt')}</th>
                <td>{documentDateTime(doc.paidAt, doc.lang)}</td>
              </tr>
              <tr>
                <th>{t('print.receipt.amountCapitals')}</th>
                <td colSpan={3}>
                  <b>{amountInCapitals(doc.amountFen)}</b>
                </td>
              </tr>
              {doc.note && (
                <tr>
                  <th>{t('print.receipt.note')}</th>
                  <td colSpan={3}>{doc.note}</td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="indent">
            <Blocks blocks={sections.note} />
          </div>
          <div className="signatures">
            <div className="sign inline">
              <span className="sign-label">{t('print.receipt.payer')}</span>
              <span className="sign-line" />
            </div>
            {doc.collectedBy.map((staff) => (
              <div className="sign inline" key={staff.staffNo}>
                <span className="sign-label">
                  {t('print.receipt.collector')} {staffWithNumber(staff, doc.lang)}
                </span>
                <span className="sign-line" />
              </div>
            ))}
          </div>
          <SealBlock doc={doc} t={t} />
        </>
      )}
    </TemplatedDocument>
  );
}
