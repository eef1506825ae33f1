import { formatYuan } from '../../../electron/shared/money';
import { documentDate } from '../../../electron/shared/notice-catalogue';
import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import { Blocks, staffLine, TemplatedDocument, type PrintT } from './parts';

/**
 * Column widths of the route sheet (A4 landscape), in per cent: a name and a masked ID each
 * fit one line, the phone and the house number have their own columns, and the hand-written
 * result column is the widest.
 */
const columns = [
  { key: 'seq', width: 4 },
  { key: 'time', width: 8 },
  { key: 'borrower', width: 13 },
  { key: 'phone', width: 9 },
  { key: 'address', width: 9 },
  { key: 'houseNo', width: 8 },
  { key: 'loans', width: 8 },
  { key: 'overdue', width: 7 },
  { key: 'dpd', width: 5 },
  { key: 'team', width: 8 },
  { key: 'purpose', width: 7 },
  { key: 'outcome', width: 14 },
] as const;

function SignatureLines({ t }: { t: PrintT }) {
  return (
    <div className="signatures route-signatures">
      {(['print.route.leaderSign', 'print.route.managerSign'] as const).map((key) => (
        <div className="sign inline" key={key} data-field={key}>
          <span className="sign-label">{t(key)}</span>
          <span className="sign-line" />
          <span className="sign-label">{t('print.signDate')}</span>
          <span className="sign-line date" />
        </div>
      ))}
    </div>
  );
}

/**
 * The officers' route for a day: stops in the day-route screen's order (numbered as there),
 * the rules, and the team leader's and the manager's signatures.
 */
export function DayRouteSheet({ doc }: { doc: DocumentOf<'dayRouteSheet'> }) {
  const { route } = doc;
  const sep = doc.lang === 'zh' ? '：' : ': ';
  const list = doc.lang === 'zh' ? '、' : ', ';
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
                {columns.map((column) => (
                  <col key={column.key} style={{ width: `${column.width}%` }} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column.key}>{t(`print.route.${column.key}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {route.stops.map((stop) => (
                  <tr key={stop.seq} data-stop={stop.seq}>
                    <td className="center">{stop.seq}</td>
                    <td className="center nowrap">
                      {stop.windowStart}–{stop.windowEnd}
                    </td>
                    <td>
                      <div className="nowrap" data-field="stop.name">
                        {stop.borrowerName}
                      </div>
                      <div className="nowrap id" data-field="stop.maskedId">
                        {stop.maskedId}
                      </div>
                    </td>
                    <td className="nowrap" data-field="stop.phone">
                      {stop.phone ?? ''}
                    </td>
                    <td>{[stop.township, stop.village].filter(Boolean).join(' ')}</td>
                    <td data-field="stop.houseNo">{stop.address}</td>
                    <td>{stop.loanNos.join(list)}</td>
                    <td className="num">{formatYuan(stop.overdueFen)}</td>
                    <td className="center">{stop.daysPastDue}</td>
                    <td>{stop.staff.map((member) => member.name).join(list)}</td>
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
          <SignatureLines t={t} />
        </>
      )}
    </TemplatedDocument>
  );
}
