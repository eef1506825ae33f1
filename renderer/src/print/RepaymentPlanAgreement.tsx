import { Fragment } from 'react';
import { documentDate } from '../../../electron/shared/notice-catalogue';
import { amountInCapitals, formatYuan } from '../../../electron/shared/money';
import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import { Blocks, LoanTable, staffLine, type PrintT, TemplatedDocument } from './parts';

/** 还款计划协议: the instalment plan agreed after a visit, signed by both parties. */
export function RepaymentPlanAgreement({ doc }: { doc: DocumentOf<'repaymentPlanAgreement'> }) {
  return (
    <TemplatedDocument doc={doc}>
      {({ sections, t }) => (
        <>
          <div className="indent">
            <Blocks blocks={sections.body} />
          </div>
          <LoanTable loans={doc.loans} lang={doc.lang} t={t} />
          <InstalmentTable doc={doc} t={t} />
          <div className="indent">
            <Blocks blocks={sections.terms} />
            <Blocks blocks={sections.repayment} />
            <Blocks blocks={sections.rights} />
            <Blocks blocks={sections.privacy} />
          </div>
          <div className="signatures">
            <div className="sign party-a">
              <div className="seal-place" aria-hidden="true">
                {t('print.seal.place')}
              </div>
              <div>
                {t('print.plan.partyA')}
                <span className="sign-line" />
              </div>
              <div>{doc.letterhead.name}</div>
              <div>
                {t('print.plan.partyARep')}
                <span className="sign-line" />
              </div>
              <div className="muted">{staffLine(doc.staff, doc.lang)}</div>
              <div>
                {t('print.signDate')}
                <span className="sign-line" />
              </div>
            </div>
            <div className="sign">
              <div>
                {t('print.plan.partyB')}
                <span className="sign-line" />
              </div>
              <div>{doc.borrower.name}</div>
              <div>
                {t('print.signDate')}
                <span className="sign-line" />
              </div>
            </div>
          </div>
        </>
      )}
    </TemplatedDocument>
  );
}

/** Instalments side by side in pairs, so a year's plan still leaves room for the terms. */
function InstalmentTable({ doc, t }: { doc: DocumentOf<'repaymentPlanAgreement'>; t: PrintT }) {
  const total = doc.instalments.reduce((sum, i) => sum + i.amountFen, 0);
  const perRow = doc.instalments.length > 4 ? 2 : 1;
  const rows: (typeof doc.instalments)[] = [];
  for (let i = 0; i < doc.instalments.length; i += perRow) {
    rows.push(doc.instalments.slice(i, i + perRow));
  }
  const header = (
    <>
      <th>{t('print.plan.seq')}</th>
      <th>{t('print.plan.dueDate')}</th>
      <th>{t('print.plan.amount')}</th>
    </>
  );
  return (
    <table className="facts">
      <thead>
        <tr>
          {header}
          {perRow === 2 && header}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row[0]!.seq}>
            {row.map((instalment) => (
              <Fragment key={instalment.seq}>
                <td className="center">{instalment.seq}</td>
                <td className="center">{documentDate(instalment.dueDate, doc.lang)}</td>
                <td className="num">{formatYuan(instalment.amountFen)}</td>
              </Fragment>
            ))}
            {row.length < perRow && <td colSpan={3} />}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td className="center">{t('print.plan.total')}</td>
          <td colSpan={perRow * 3 - 2}>{amountInCapitals(total)}</td>
          <td className="num">{formatYuan(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
