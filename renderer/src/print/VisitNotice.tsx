import { documentDate } from '../../../electron/shared/notice-catalogue';
import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import {
  Blocks,
  DocumentFrame,
  LoanTable,
  SealBlock,
  staffLine,
  TearOffSlip,
  TemplateProblem,
  Title,
  usePrintT,
  useRenderedTemplate,
} from './parts';

/** 上门走访通知书: the letter announcing a visit, with the receipt slip the borrower returns. */
export function VisitNotice({ doc }: { doc: DocumentOf<'visitNotice'> }) {
  const t = usePrintT(doc.lang);
  const rendered = useRenderedTemplate(doc);
  const { visit } = doc;
  return (
    <DocumentFrame doc={doc} t={t}>
      {rendered.ok ? (
        <>
          <Title sections={rendered.sections} />
          <div className="indent">
            <Blocks blocks={rendered.sections.body} salutation />
          </div>
          <LoanTable loans={doc.loans} lang={doc.lang} t={t} />
          <div className="indent">
            <Blocks blocks={rendered.sections.visit} />
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
                  {staffLine(visit.staff, doc.lang)}
                </td>
              </tr>
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
            <Blocks blocks={rendered.sections.repayment} />
            <Blocks blocks={rendered.sections.dispute} />
            <Blocks blocks={rendered.sections.rights} />
            <Blocks blocks={rendered.sections.privacy} />
          </div>
          <SealBlock doc={doc} t={t} />
          <TearOffSlip blocks={rendered.sections.slip} t={t} />
        </>
      ) : (
        <TemplateProblem issues={rendered.issues} lang={doc.lang} t={t} />
      )}
    </DocumentFrame>
  );
}
