import { documentDate } from '../../../electron/shared/notice-catalogue';
import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import {
  Blocks,
  LoanTable,
  SealBlock,
  staffWithCertificates,
  TearOffSlip,
  TemplatedDocument,
} from './parts';

/**
 * 上门走访通知书: the letter announcing a visit, with the receipt slip the borrower returns.
 * The overdue amount is itemised (principal, interest, penalty interest, total; figures and
 * capitals), the staff are named with their staff and certificate numbers, and the borrower's
 * address says where the visit is announced for.
 */
export function VisitNotice({ doc }: { doc: DocumentOf<'visitNotice'> }) {
  const { visit } = doc;
  return (
    <TemplatedDocument doc={doc}>
      {({ sections, t }) => (
        <>
          <div className="indent">
            <Blocks blocks={sections.body} salutation />
          </div>
          <LoanTable loans={doc.loans} lang={doc.lang} t={t} breakdown />
          <div className="indent">
            <Blocks blocks={sections.visit} />
          </div>
          <table className="facts keyed">
            <tbody>
              <tr>
                <th>{t('print.visit.date')}</th>
                <td>{documentDate(visit.date, doc.lang)}</td>
                <th>{t('print.visit.window')}</th>
                <td>
                  {visit.windowStart}–{visit.windowEnd}
                </td>
              </tr>
              <tr>
                <th>{t('print.visit.staff')}</th>
                <td colSpan={3} data-field="visit.staff">
                  {visit.staff.map((member, index) => (
                    <div key={`${member.staffNo}-${index}`}>
                      {staffWithCertificates(member, doc.lang)}
                    </div>
                  ))}
                </td>
              </tr>
              {doc.borrower.address && (
                <tr>
                  <th>{t('print.visit.address')}</th>
                  <td colSpan={3} data-field="borrower.address">
                    {doc.borrower.address}
                  </td>
                </tr>
              )}
              {visit.place && (
                <tr>
                  <th>{t('print.visit.place')}</th>
                  <td colSpan={3} data-field="visit.place">
                    {visit.place}
                  </td>
                </tr>
              )}
              <tr>
                <th>{t('print.visit.purpose')}</th>
                <td>{visit.purpose}</td>
                <th>{t('print.visit.reschedule')}</th>
                <td>{doc.reschedulePhone}</td>
              </tr>
            </tbody>
          </table>
          <div className="indent">
            <Blocks blocks={sections.repayment} />
            <Blocks blocks={sections.dispute} />
            <Blocks blocks={sections.rights} />
            <Blocks blocks={sections.privacy} />
          </div>
          <SealBlock doc={doc} t={t} />
          <TearOffSlip blocks={sections.slip} t={t} />
        </>
      )}
    </TemplatedDocument>
  );
}
