import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../electron/shared/money';
import { documentDate, documentDateTime } from '../../../electron/shared/notice-catalogue';
import {
  monthLabel,
  type MonthlyReportData,
} from '../../../electron/shared/schemas/monthly-report';
import type {
  FigureBlock,
  FigureDefinition,
  OfficerFigures,
  RollRate,
} from '../../../electron/shared/schemas/reports';
import { groupFigures } from '../features/reports/groups';
import {
  ratioDetail,
  rollDirection,
  rollHeat,
  showFigure,
  showRate,
} from '../features/reports/parts';
import { MonthlyReportCash } from './MonthlyReportCash';
import { PaperTiers } from './MonthlyReportTiers';
import { GroupedBarChart, HorizontalBars } from './MonthlyReportCharts';
import './MonthlyReport.css';
import { SimpleLetterhead } from './SimpleLetterhead';

type T = (key: string, values?: Record<string, unknown>) => string;

/** The columns of the per-officer table: what head office compares officers on. */
const officerColumns = [
  'visitsPlanned',
  'visitsCarriedOut',
  'completionRate',
  'contactRate',
  'ptpKeptRate',
  'collectedFen',
  'targetFen',
  'collectedVsTarget',
  'cureRate',
  'ruleOverrides',
  'complaintsReceived',
] as const;

const COLOURS = { first: '#1f5fa8', second: '#9ec3e6' };

/** A CSS string literal of any text (a branch name in a page margin). */
const cssString = (text: string) =>
  `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

/** 2026-03-02 → 3月2日 / 2 Mar: a week's first day under its bars. */
function shortDate(iso: string, lang: 'zh' | 'en'): string {
  const [, m, d] = iso.split('-').map(Number);
  if (lang === 'zh') return `${m}月${d}日`;
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  return `${d} ${months[(m ?? 1) - 1]}`;
}

/**
 * 月度汇总报告: the month's summary as a document for head office. Letterhead, the title with
 * branch and month, the headline figures first, then every other figure by group, the
 * per-officer table, charts (axes named, legends), the roll-rate matrices coloured by
 * direction, the close's hashes and the manager's signature line, and the definitions. A4
 * portrait with the running title and page numbers in the page margins; no tile or table is
 * split across pages.
 */
export function MonthlyReport({ doc }: { doc: MonthlyReportData }) {
  const { i18n } = useTranslation();
  const lang = doc.lang;
  const t = useMemo(() => i18n.getFixedT(lang === 'zh' ? 'zh-CN' : 'en') as T, [i18n, lang]);
  const { summary } = doc;
  const f = summary.figures;
  const month = monthLabel(doc.month, lang);
  const sep = lang === 'zh' ? '：' : ': ';
  const definitions = summary.definitions;
  const def = (key: string) => definitions.find((d) => d.key === key);
  const { headline, groups } = groupFigures(definitions);
  const state = summary.frozen ? t('reports.paper.closed') : t('reports.paper.open');
  const title = `${doc.letterhead.name} · ${month} ${t('reports.paper.title')}`;
  const pageStyle = `
@page monthly-report {
  size: A4;
  margin: 16mm 14mm 15mm;
  @top-left { content: ${cssString(title)}; font-size: 8pt; color: #555; }
  @top-right { content: ${cssString(state)}; font-size: 8pt; color: #555; }
  @bottom-center {
    content: ${cssString(t('reports.paper.pageBefore'))} counter(page)
      ${cssString(t('reports.paper.pageMiddle'))} counter(pages)
      ${cssString(t('reports.paper.pageAfter'))};
    font-size: 9pt;
  }
}`;
  const officerLabel = (o: Pick<OfficerFigures, 'name' | 'staffNo'>) =>
    lang === 'zh' ? `${o.name}（${o.staffNo}）` : `${o.name} (${o.staffNo})`;
  return (
    <article
      className="doc monthly-report"
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
      data-kind="monthlyReport"
      data-month={doc.month}
    >
      <style>{pageStyle}</style>
      <SimpleLetterhead
        letterhead={doc.letterhead}
        lang={lang}
        lines={[
          { label: t('reports.paper.month'), value: month, strong: true },
          { label: t('reports.paper.printedOn'), value: documentDate(doc.issueDate, lang) },
        ]}
      />
      <div className="mr-title">
        <h1 className="doc-title">{t('reports.paper.title')}</h1>
        <div className="mr-subtitle" data-testid="report-title">
          {doc.letterhead.name} · {month}
        </div>
        <div className="mr-period">
          {t('reports.paper.period', {
            from: documentDate(f.from, lang),
            to: documentDate(f.to, lang),
          })}
          {'　'}
          {t('reports.paper.state')}
          {sep}
          <b data-testid="report-state">{state}</b>
        </div>
      </div>

      <h2>{t('reports.paper.headline')}</h2>
      <div className="mr-headline">
        {headline.map((d) => (
          <Tile key={d.key} d={d} doc={doc} t={t} />
        ))}
      </div>

      <h2>{t('reports.paper.figures')}</h2>
      <div className="mr-groups">
        {groups.map((g) => (
          <table key={g.id} className="facts compact mr-group" data-group={g.id}>
            <caption>{t(`reports.group.${g.id}`)}</caption>
            <thead>
              <tr>
                <th>{t('reports.paper.figure')}</th>
                <th>{t('reports.paper.thisMonth')}</th>
                <th>{t('reports.previous')}</th>
                <th>{t('reports.lastYear')}</th>
              </tr>
            </thead>
            <tbody>
              {g.figures.map((d) => (
                <tr key={d.key}>
                  <td>{d.label[lang]}</td>
                  <td className="num" data-figure={d.key}>
                    {showFigure(f.branch, d)}
                  </td>
                  <td className="num">
                    {summary.previous ? showFigure(summary.previous.figures, d) : '—'}
                  </td>
                  <td className="num">
                    {summary.lastYear ? showFigure(summary.lastYear.figures, d) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>

      <h2>{t('reports.paper.officers')}</h2>
      {f.officers.length === 0 ? (
        <p>{t('reports.paper.noOfficers')}</p>
      ) : (
        <table className="facts compact mr-officers" data-testid="report-officers">
          <thead>
            <tr>
              <th>{t('reports.paper.officer')}</th>
              {officerColumns.map((key) => (
                <th key={key}>{def(key)?.label[lang] ?? key}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {f.officers.map((o) => (
              <tr key={o.staffId} data-officer={o.staffNo}>
                <th scope="row">{officerLabel(o)}</th>
                {officerColumns.map((key) => (
                  <td key={key} className="num">
                    {cell(o.figures, def(key))}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="mr-total">
              <th scope="row">{t('reports.paper.branchTotal')}</th>
              {officerColumns.map((key) => (
                <td key={key} className="num">
                  {cell(f.branch, def(key))}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
      <MonthlyReportCash doc={doc} t={t} />

      <h2>{t('reports.paper.charts')}</h2>
      <div className="mr-charts">
        <GroupedBarChart
          title={t('reports.paper.chartWeeks')}
          testId="chart-weeks"
          categories={f.weeks.map((w) => shortDate(w.weekStart, lang))}
          series={[
            {
              label: t('reports.planned'),
              values: f.weeks.map((w) => w.planned),
              colour: COLOURS.first,
            },
            {
              label: t('reports.done'),
              values: f.weeks.map((w) => w.done),
              colour: COLOURS.second,
            },
          ]}
          xLabel={t('reports.axisWeek')}
          yLabel={t('reports.axisVisits')}
        />
        {f.officers.length > 0 && (
          <GroupedBarChart
            title={t('reports.paper.chartOfficers')}
            testId="chart-officers"
            categories={f.officers.map((o) => o.name)}
            series={[
              {
                label: t('reports.planned'),
                values: f.officers.map((o) => o.figures.visitsPlanned),
                colour: COLOURS.first,
              },
              {
                label: t('reports.paper.carriedOut'),
                values: f.officers.map((o) => o.figures.visitsCarriedOut),
                colour: COLOURS.second,
              },
            ]}
            xLabel={t('reports.axisOfficer')}
            yLabel={t('reports.axisVisits')}
          />
        )}
        {f.officers.length > 0 && (
          <GroupedBarChart
            title={t('reports.paper.chartCollected')}
            testId="chart-collected"
            categories={f.officers.map((o) => o.name)}
            series={[
              {
                label: t('reports.collectedAmount'),
                values: f.officers.map((o) => o.figures.collectedFen / 100),
                colour: COLOURS.first,
              },
              {
                label: t('reports.target'),
                values: f.officers.map((o) => (o.figures.targetFen ?? 0) / 100),
                colour: COLOURS.second,
              },
            ]}
            xLabel={t('reports.axisOfficer')}
            yLabel={t('reports.axisYuan')}
            format={(v) => Math.round(v).toLocaleString('en-US')}
          />
        )}
        {f.outcomes.length > 0 && (
          <HorizontalBars
            title={t('reports.paper.chartOutcomes')}
            rows={f.outcomes.map((o) => ({
              label: t(`visits.outcome.${o.outcome}`),
              value: o.count,
            }))}
            valueLabel={t('reports.axisVisits')}
            colour={COLOURS.first}
          />
        )}
      </div>

      {/* The heading and its note go to the page the branch's matrix is on. */}
      <div className="mr-keep">
        <h2>{t('reports.paper.rollRate')}</h2>
        <p className="muted mr-note">{t('reports.paper.rollRateNote')}</p>
        <PaperRollRate
          caption={t('reports.paper.branch')}
          rollRate={f.rollRate}
          paidOff={def('loansPaidOff')?.label[lang] ?? ''}
          t={t}
          testId="paper-roll-rate"
        />
      </div>
      <PaperTiers tiers={f.tiers} monthEnd={f.to} t={t} />
      <div className="mr-officer-rolls">
        {f.officers
          .filter((o) => o.rollRate?.startLoans.some((n) => n > 0))
          .map((o) => (
            <PaperRollRate
              key={o.staffId}
              caption={officerLabel(o)}
              rollRate={o.rollRate!}
              paidOff={def('loansPaidOff')?.label[lang] ?? ''}
              t={t}
              testId={`paper-roll-rate-${o.staffNo}`}
            />
          ))}
      </div>

      <section className="mr-close" data-testid="report-close">
        <h2>{t('reports.paper.close')}</h2>
        <table className="facts keyed compact">
          <tbody>
            <tr>
              <th>{t('reports.paper.state')}</th>
              <td>{state}</td>
            </tr>
            {summary.close && (
              <>
                <tr>
                  <th>{t('reports.paper.closedBy')}</th>
                  <td>{officerLabel(summary.close.closedBy)}</td>
                </tr>
                <tr>
                  <th>{t('reports.paper.closedAt')}</th>
                  <td>{doc.closedAtLocal ? documentDateTime(doc.closedAtLocal, lang) : ''}</td>
                </tr>
                <tr>
                  <th>{t('reports.paper.figuresSha')}</th>
                  <td className="hash" data-hash="figures">
                    {summary.close.figuresSha256}
                  </td>
                </tr>
                <tr>
                  <th>{t('reports.paper.auditHead')}</th>
                  <td className="hash" data-hash="audit">
                    {summary.close.auditHead}
                  </td>
                </tr>
              </>
            )}
            <tr>
              <th>{t('reports.paper.checkpoint')}</th>
              <td className="hash">
                {summary.checkpoint && doc.checkpointAtLocal
                  ? t('reports.paper.checkpointText', {
                      at: documentDateTime(doc.checkpointAtLocal, lang),
                      rows: summary.checkpoint.rows,
                      head: summary.checkpoint.head,
                    })
                  : t('reports.paper.noCheckpoint')}
              </td>
            </tr>
            <tr>
              <th>{t('reports.paper.definitionsVersion')}</th>
              <td>{f.definitionsVersion}</td>
            </tr>
          </tbody>
        </table>
        {!summary.close && <p className="mr-note">{t('reports.paper.notClosed')}</p>}
        <div className="signatures mr-signatures">
          <div className="sign inline">
            <span className="sign-label">
              {t('reports.paper.preparedBy')}
              {sep}
            </span>
            <span>{officerLabel(doc.printedBy)}</span>
          </div>
          <div className="sign inline">
            <span className="sign-label">
              {t('reports.paper.date')}
              {sep}
            </span>
            <span>{documentDate(doc.issueDate, lang)}</span>
          </div>
          <div className="sign inline" data-testid="manager-signature">
            <span className="sign-label">
              {t('reports.paper.manager')}
              {sep}
            </span>
            <span className="sign-line" />
          </div>
          <div className="sign inline">
            <span className="sign-label">
              {t('reports.paper.date')}
              {sep}
            </span>
            <span className="sign-line" />
          </div>
        </div>
      </section>

      <section className="mr-definitions">
        <h2>{t('reports.paper.definitions')}</h2>
        <dl>
          {definitions.map((d) => (
            <div key={d.key}>
              <dt>{d.label[lang]}</dt>
              <dd>
                {d.definition[lang]}
                {d.numerator && (
                  <>
                    {' '}
                    {t('reports.numerator')}
                    {d.numerator[lang]}
                  </>
                )}
                {d.denominator && (
                  <>
                    {lang === 'zh' ? '；' : '; '}
                    {t('reports.denominator')}
                    {d.denominator[lang]}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}

function cell(block: FigureBlock, d: FigureDefinition | undefined): string {
  return d ? showFigure(block, d) : '—';
}

/** A headline figure: its name, the value large, what it divides, and the two comparisons. */
function Tile({ d, doc, t }: { d: FigureDefinition; doc: MonthlyReportData; t: T }) {
  const { summary } = doc;
  const detail = ratioDetail(summary.figures.branch, d);
  const compare = [
    summary.previous &&
      t('reports.paper.vsPrevious', { value: showFigure(summary.previous.figures, d) }),
    summary.lastYear &&
      t('reports.paper.vsLastYear', { value: showFigure(summary.lastYear.figures, d) }),
  ].filter(Boolean);
  return (
    <div className="mr-tile" data-tile={d.key}>
      <div className="mr-tile-label">{d.label[doc.lang]}</div>
      <div className="mr-tile-value" data-figure={d.key}>
        {showFigure(summary.figures.branch, d)}
      </div>
      {detail && <div className="mr-tile-detail">{detail}</div>}
      {compare.length > 0 && (
        <div className="mr-tile-compare">{compare.join(doc.lang === 'zh' ? '；' : '; ')}</div>
      )}
    </div>
  );
}

/** A roll-rate matrix for paper: rate by balance over rate by count, coloured by direction. */
function PaperRollRate(props: {
  caption: string;
  rollRate: RollRate;
  paidOff: string;
  t: T;
  testId: string;
}) {
  const { rollRate, t } = props;
  const cellOf = (key: string, fen: number, loans: number, i: number, to: number | 'paidOff') => {
    const den = rollRate.startFen[i]!;
    const share = den === 0 ? 0 : fen / den;
    const direction = rollDirection(i, to);
    return (
      <td
        key={key}
        className="num"
        data-direction={direction}
        style={{ background: rollHeat(direction, share) }}
      >
        <div data-rate="balance">{showRate({ num: fen, den })}</div>
        <div data-rate="count" className="mr-count">
          {showRate({ num: loans, den: rollRate.startLoans[i]! })}
        </div>
      </td>
    );
  };
  return (
    <table className="facts compact mr-roll" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th />
          <th>{t('reports.startLoans')}</th>
          <th>{t('reports.startBalance')}</th>
          {rollRate.buckets.map((b) => (
            <th key={b}>→ {b}</th>
          ))}
          <th>{props.paidOff}</th>
        </tr>
      </thead>
      <tbody>
        {rollRate.buckets.map((from, i) => (
          <tr key={from}>
            <th scope="row">{from}</th>
            <td className="num">{rollRate.startLoans[i]}</td>
            <td className="num">{formatYuan(rollRate.startFen[i]!)}</td>
            {rollRate.cellsFen[i]!.map((fen, j) =>
              cellOf(rollRate.buckets[j]!, fen, rollRate.cellsLoans[i]![j]!, i, j),
            )}
            {cellOf('paidOff', rollRate.paidOffFen[i]!, rollRate.paidOffLoans[i]!, i, 'paidOff')}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
