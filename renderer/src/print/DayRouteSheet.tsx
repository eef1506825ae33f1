import { formatYuan } from '../../../electron/shared/money';
import { documentDate } from '../../../electron/shared/notice-catalogue';
import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import { Blocks, staffLine, TemplatedDocument } from './parts';

/** The officers' route for a day: stops in visit order, grouped as planned, with the rules. */
export function DayRouteSheet({ doc }: { doc: DocumentOf<'dayRouteSheet'> }) {
  const { route } = doc;
  const sep = doc.lang === 'zh' ? '：' : ': ';
  return (
    <TemplatedDocument doc={doc}>
      {({ sections, t }) => (
        <>
          <div className="route-meta">
            <span>
              {t('print.route.date')}
              {sep}
              <b>{documentDate(route.date, doc.lang)}</b>
            </span>
            <span>
              {t('print.route.stops')}
              {sep}
              <b>{route.stops.length}</b>
            </span>
            <span>
              {t('print.route.staff')}
              {sep}
              {staffLine(route.staff, doc.lang)}
            </span>
          </div>
          {route.stops.length ? (
            <table className="facts compact route">
              <colgroup>
                <col style={{ width: '5%' }} />
                <col style={{ width: '8%' }} />
                <col style={{ width: '14%' }} />
                <col style={{ width: '17%' }} />
                <col style={{ width: '12%' }} />
                <col style={{ width: '9%' }} />
                <col style={{ width: '7%' }} />
                <col style={{ width: '9%' }} />
                <col style={{ width: '9%' }} />
                <col style={{ width: '10%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>{t('print.route.seq')}</th>
                  <th>{t('print.route.time')}</th>
                  <th>{t('print.route.borrower')}</th>
                  <th>{t('print.route.address')}</th>
                  <th>{t('print.route.loans')}</th>
                  <th>{t('print.route.overdue')}</th>
                  <th>{t('print.route.dpd')}</th>
                  <th>{t('print.route.team')}</th>
                  <th>{t('print.route.purpose')}</th>
                  <th>{t('print.route.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {route.stops.map((stop) => (
                  <tr key={stop.seq}>
                    <td className="center">{stop.seq}</td>
                    <td className="center">
                      {stop.windowStart}–{stop.windowEnd}
                    </td>
                    <td>
                      {stop.borrowerName}
                      <br />
                      {stop.maskedId}
                    </td>
                    <td>
                      {[stop.township, stop.village].filter(Boolean).join(' ')}
                      <br />
                      {stop.address}
                    </td>
                    <td>{stop.loanNos.join(doc.lang === 'zh' ? '、' : ', ')}</td>
                    <td className="num">{formatYuan(stop.overdueFen)}</td>
                    <td className="center">{stop.daysPastDue}</td>
                    <td>
                      {stop.staff
                        .map((member) => member.name)
                        .join(doc.lang === 'zh' ? '、' : ', ')}
                    </td>
                    <td>{stop.purpose}</td>
                    <td className="outcome" />
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('print.route.none')}</p>
          )}
          <Blocks blocks={sections.rules} />
        </>
      )}
    </TemplatedDocument>
  );
}
