import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { formatFen } from '../../../../electron/shared/money';
import type { CaseListRow, CaseSortField } from '../../../../electron/shared/schemas/cases';
import { formatDay } from '../../components/format';

export type CaseColumnField =
  | 'name'
  | 'idNumberMasked'
  | 'mobileMasked'
  | 'place'
  | 'officerName'
  | 'totalOverdueFen'
  | 'dpd'
  | 'bucket'
  | 'classification'
  | 'lastContactAt'
  | 'flags';

export interface CaseColumn {
  field: CaseColumnField;
  header: string;
  /** Fixed width in CSS pixels, or, for a column that takes what is left, its least width. */
  width: number;
  /** Takes a share of the width left over (the place and the flags). */
  grow?: boolean;
  /** The core's sort key; a column without one does not sort. */
  sort?: CaseSortField;
  numeric?: boolean;
  /** Monospace digits (masked ID and mobile), so they line up. */
  mono?: boolean;
  cell: (row: CaseListRow) => ReactNode;
}

/**
 * The case list's columns. Widths are what the longest usual value needs (an 18-character
 * masked ID in monospace, a 6-figure sum) and what the header needs beside its sort arrow, in
 * both languages; the place and the flags take what is left.
 */
export function caseColumns(t: TFunction): CaseColumn[] {
  return [
    { field: 'name', header: t('cases.col.name'), width: 84, sort: 'name', cell: (r) => r.name },
    {
      field: 'idNumberMasked',
      header: t('cases.col.idNumber'),
      width: 164,
      mono: true,
      cell: (r) => r.idNumberMasked,
    },
    {
      field: 'mobileMasked',
      header: t('cases.col.mobile'),
      width: 112,
      mono: true,
      cell: (r) => r.mobileMasked || '—',
    },
    {
      field: 'place',
      header: t('cases.col.place'),
      width: 120,
      grow: true,
      sort: 'place',
      cell: (r) => [r.township, r.village].filter(Boolean).join(' / '),
    },
    {
      field: 'officerName',
      header: t('cases.col.officer'),
      width: 92,
      cell: (r) => r.officerName ?? '',
    },
    {
      field: 'totalOverdueFen',
      header: t('cases.col.overdue'),
      width: 140,
      numeric: true,
      sort: 'totalOverdue',
      cell: (r) => formatFen(r.totalOverdueFen),
    },
    {
      field: 'dpd',
      header: t('cases.col.dpd'),
      width: 104,
      numeric: true,
      sort: 'dpd',
      cell: (r) => r.dpd,
    },
    {
      field: 'bucket',
      header: t('cases.col.bucket'),
      width: 84,
      sort: 'dpd',
      cell: (r) => (
        <span className={`tag bucket-${r.bucket.replace('+', 'plus')}`}>{r.bucket}</span>
      ),
    },
    {
      field: 'classification',
      header: t('cases.col.tier'),
      width: 72,
      cell: (r) =>
        r.classification ? (
          <span
            className={`tag tier-${r.classification}`}
            title={t(`cases.tier.${r.classification}`)}
          >
            {t(`cases.tier.short.${r.classification}`)}
          </span>
        ) : (
          ''
        ),
    },
    {
      field: 'lastContactAt',
      header: t('cases.col.lastContact'),
      width: 112,
      sort: 'lastContact',
      cell: (r) => (r.lastContactAt ? formatDay(r.lastContactAt) : t('cases.never')),
    },
    {
      field: 'flags',
      header: t('cases.col.flags'),
      width: 120,
      grow: true,
      cell: (r) => <ListFlags row={r} t={t} />,
    },
  ];
}

/**
 * A case's flags as the list shows them: the case page's flag chips in short words, drawn as
 * plain tags (styled once by the table, not a chip component per row).
 */
function ListFlags({ row, t }: { row: CaseListRow; t: TFunction }) {
  const vulnerable = row.vulnerable.map((r) => t(`cases.vuln.${r}`)).join('、');
  const broken = t('cases.flag.brokenShort');
  return (
    <>
      {row.vulnerable.length > 0 && (
        <span className="tag flag-warning" title={vulnerable}>
          {t('cases.flag.vulnerableShort')}
        </span>
      )}
      {row.status === 'disputed' && (
        <span className="tag flag-error">{t('cases.flag.disputed')}</span>
      )}
      {row.exitKind && (
        <span className="tag flag-default">{t(`cases.exit.kind.${row.exitKind}`)}</span>
      )}
      {row.status === 'on_hold' && (
        <span className="tag flag-default">{t('cases.status.on_hold')}</span>
      )}
      {row.brokenPromises > 0 && (
        <span className="tag flag-secondary" title={t('cases.flag.brokenPromise')}>
          {row.brokenPromises > 1 ? `${broken} ×${row.brokenPromises}` : broken}
        </span>
      )}
    </>
  );
}

/**
 * Columns a narrower list leaves out, least needed first: the masked mobile (the case page has
 * it, revealable), the bucket (the days past due say it), the five-tier classification (the
 * filter still finds it), the officer, the last contact. What
 * stays is who, where, how much, how late and the flags.
 */
const dropOrder: { field: CaseColumnField; width: number }[] = [
  { field: 'mobileMasked', width: 112 },
  { field: 'bucket', width: 84 },
  { field: 'classification', width: 72 },
  { field: 'officerName', width: 92 },
  { field: 'lastContactAt', width: 112 },
];

/** Every column's least width together, plus the list's vertical scrollbar and borders. */
const fullWidth =
  caseColumns(((key: string) => key) as unknown as TFunction).reduce((sum, c) => sum + c.width, 0) +
  20;

/** The columns left out of a list `width` pixels wide: none while all fit, else the fewest. */
export function hiddenColumns(width: number): ReadonlySet<CaseColumnField> {
  const hidden = new Set<CaseColumnField>();
  let needed = fullWidth;
  for (const column of dropOrder) {
    if (needed <= width) break;
    hidden.add(column.field);
    needed -= column.width;
  }
  return hidden;
}
