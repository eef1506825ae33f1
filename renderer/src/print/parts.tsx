import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan, amountInCapitals } from '../../../electron/shared/money';
import {
  documentDate,
  renderDocumentTemplate,
  staffWithNumber,
} from '../../../electron/shared/notice-catalogue';
import type {
  DocumentData,
  DocumentLang,
  LoanOnDocument,
  StaffOnDocument,
} from '../../../electron/shared/schemas/notices';
import {
  TemplateError,
  templateIssueText,
  type RenderedTemplate,
  type TemplateBlock,
  type TemplateIssue,
  type TemplateRun,
} from '../../../electron/shared/templates';
import { printText, type PrintTextKey } from './i18n';

export type PrintT = (key: PrintTextKey) => string;

/** Labels in the document's language, whatever language the screen is in. */
export function usePrintT(lang: DocumentLang): PrintT {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const t = i18n.getFixedT(lang === 'zh' ? 'zh-CN' : 'en');
    // Without the print texts registered (a bare test harness) fall back to the same table.
    return (key) => {
      const text = t(key);
      return text === key ? printText[lang][key] : text;
    };
  }, [i18n, lang]);
}

type Rendered = { ok: true; sections: RenderedTemplate } | { ok: false; issues: TemplateIssue[] };

/** The document's wording from its template; invalid templates become a visible problem. */
function useRenderedTemplate(doc: DocumentData): Rendered {
  return useMemo(() => {
    try {
      return { ok: true, sections: renderDocumentTemplate(doc) };
    } catch (error) {
      if (error instanceof TemplateError) return { ok: false, issues: error.issues };
      throw error;
    }
  }, [doc]);
}

const AMOUNT_FIELD = /\.(figures|capitals)$/;

function Runs({ runs }: { runs: readonly TemplateRun[] }) {
  return runs.map((run, index) =>
    run.field ? (
      <span
        key={index}
        className={AMOUNT_FIELD.test(run.field) ? 'field amount' : 'field'}
        data-field={run.field}
      >
        {run.text}
      </span>
    ) : (
      <Fragment key={index}>{run.text}</Fragment>
    ),
  );
}

/** Template blocks as text: React escapes every run, so nothing in a template is markup. */
export function Blocks({
  blocks,
  salutation = false,
}: {
  blocks: readonly TemplateBlock[] | undefined;
  /** The first paragraph is a salutation ("尊敬的张三："): Chinese letters do not indent it. */
  salutation?: boolean;
}) {
  return (blocks ?? []).map((block, index) => {
    if (block.type === 'heading') {
      return (
        <h3 key={index}>
          <Runs runs={block.runs} />
        </h3>
      );
    }
    if (block.type === 'list') {
      return (
        <ul key={index} className="channels" data-field={block.field}>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    }
    return (
      <p
        key={index}
        className={
          block.lines.length > 1 ? 'lines' : salutation && index === 0 ? 'salutation' : undefined
        }
      >
        {block.lines.map((line, i) => (
          <Fragment key={i}>
            {i > 0 && <br />}
            <Runs runs={line} />
          </Fragment>
        ))}
      </p>
    );
  });
}

/** The plain first line of a section, for titles. */
export function sectionLine(blocks: readonly TemplateBlock[] | undefined): string {
  const first = blocks?.[0];
  if (!first) return '';
  const runs =
    first.type === 'heading' ? first.runs : first.type === 'paragraph' ? first.lines.flat() : [];
  return runs.map((r) => r.text).join('');
}

/**
 * Every printed document: the A4 sheet with the copy watermark and the letterhead (branch
 * name, contact, reference and date), the title from the document's template, then what the
 * document itself says, given the template's sections and the labels in the document's
 * language. A template that cannot be rendered shows its problem on the sheet instead, so a
 * broken template is seen on the preview, never printed half-filled.
 */
export function TemplatedDocument({
  doc,
  children,
}: {
  doc: DocumentData;
  children: (page: { sections: RenderedTemplate; t: PrintT }) => ReactNode;
}) {
  const t = usePrintT(doc.lang);
  const rendered = useRenderedTemplate(doc);
  return (
    <DocumentFrame doc={doc} t={t}>
      {rendered.ok ? (
        <>
          <Title sections={rendered.sections} />
          {children({ sections: rendered.sections, t })}
        </>
      ) : (
        <TemplateProblem issues={rendered.issues} lang={doc.lang} t={t} />
      )}
    </DocumentFrame>
  );
}

/** One sheet: the A4 frame, the copy watermark, the letterhead. */
function DocumentFrame({
  doc,
  t,
  children,
}: {
  doc: DocumentData;
  t: PrintT;
  children: ReactNode;
}) {
  return (
    <article
      className="doc"
      lang={doc.lang === 'zh' ? 'zh-CN' : 'en'}
      data-kind={doc.kind}
      data-reference={doc.referenceNo || undefined}
      data-copy={doc.isCopy ? 'true' : undefined}
    >
      {doc.isCopy && (
        <div className="copy-watermark" aria-hidden="true">
          {t('print.copy')}
        </div>
      )}
      <Letterhead doc={doc} t={t} />
      {children}
    </article>
  );
}

function Letterhead({ doc, t }: { doc: DocumentData; t: PrintT }) {
  const { letterhead } = doc;
  const sep = doc.lang === 'zh' ? '：' : ': ';
  const contact = [
    letterhead.address,
    letterhead.phone && `${t('print.phone')}${sep}${letterhead.phone}`,
    letterhead.complaintHotline &&
      `${t('print.complaintHotline')}${sep}${letterhead.complaintHotline}`,
  ].filter(Boolean);
  return (
    <header className="letterhead">
      {letterhead.logoDataUrl && <img className="logo" src={letterhead.logoDataUrl} alt="" />}
      <div className="branch">
        <div className="branch-name">{letterhead.name}</div>
        <div className="branch-contact">{contact.join('　')}</div>
      </div>
      <div className="reference">
        {doc.isCopy && <div className="copy-stamp">{t('print.copy')}</div>}
        {doc.kind === 'paymentReceipt' ? (
          // A receipt is known by its receipt number (the SJ series, in red); the print log's
          // document reference stands under it, and its date is the day the money was taken.
          <>
            <div className="receipt-no" data-field="receipt.no">
              {t('print.receipt.no')}
              {sep}
              <b>{doc.receiptNo}</b>
            </div>
            <div data-field="document.referenceNo">
              {t('print.documentRef')}
              {sep}
              {doc.referenceNo || t('print.referencePending')}
            </div>
          </>
        ) : (
          <div>
            {t('print.referenceNo')}
            {sep}
            <b>{doc.referenceNo || t('print.referencePending')}</b>
          </div>
        )}
        <div data-field="document.issueDate">
          {t(doc.kind === 'paymentReceipt' ? 'print.receipt.date' : 'print.issueDate')}
          {sep}
          {documentDate(doc.issueDate, doc.lang)}
        </div>
      </div>
    </header>
  );
}

function Title({ sections }: { sections: RenderedTemplate }) {
  return <h1 className="doc-title">{sectionLine(sections.title)}</h1>;
}

function TemplateProblem({
  issues,
  lang,
  t,
}: {
  issues: TemplateIssue[];
  lang: DocumentLang;
  t: PrintT;
}) {
  return (
    <div className="template-problem" role="alert">
      <p>{t('print.templateProblem')}</p>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>{templateIssueText(issue, lang)}</li>
        ))}
      </ul>
    </div>
  );
}

type LoanWithParts = LoanOnDocument &
  Required<Pick<LoanOnDocument, 'overduePrincipalFen' | 'overdueInterestFen' | 'penaltyFen'>>;

const hasParts = (loan: LoanOnDocument): loan is LoanWithParts =>
  loan.overduePrincipalFen !== undefined &&
  loan.overdueInterestFen !== undefined &&
  loan.penaltyFen !== undefined;

const sumOf = (loans: readonly LoanOnDocument[], pick: (loan: LoanOnDocument) => number) =>
  loans.reduce((sum, loan) => sum + pick(loan), 0);

/**
 * The loans concerned, with the overdue total in figures and in capitals. With `breakdown`
 * (the visit notice) the overdue amount is split into principal, interest and penalty
 * interest, each totalled in figures and in capitals; documents printed before the parts were
 * recorded show the single amount.
 */
export function LoanTable({
  loans,
  lang,
  t,
  breakdown = false,
}: {
  loans: readonly LoanOnDocument[];
  lang: DocumentLang;
  t: PrintT;
  breakdown?: boolean;
}) {
  const total = sumOf(loans, (loan) => loan.overdueFen);
  const sep = lang === 'zh' ? '：' : ': ';
  if (breakdown && loans.every(hasParts)) {
    const parts = [
      {
        key: 'principal',
        label: t('print.loan.overduePrincipal'),
        fen: (l: LoanWithParts) => l.overduePrincipalFen,
      },
      {
        key: 'interest',
        label: t('print.loan.overdueInterest'),
        fen: (l: LoanWithParts) => l.overdueInterestFen,
      },
      { key: 'penalty', label: t('print.loan.penalty'), fen: (l: LoanWithParts) => l.penaltyFen },
    ] as const;
    const withParts = loans as readonly LoanWithParts[];
    const partTotals = parts.map((part) => ({
      ...part,
      total: sumOf(withParts, (l) => part.fen(l as LoanWithParts)),
    }));
    return (
      <table className="facts loans breakdown" data-field="loans.breakdown">
        <thead>
          <tr>
            <th>{t('print.loan.no')}</th>
            <th>{t('print.loan.principal')}</th>
            {parts.map((part) => (
              <th key={part.key}>{part.label}</th>
            ))}
            <th>{t('print.loan.overdueTotal')}</th>
            <th>{t('print.loan.overdueSince')}</th>
            <th>{t('print.loan.dpd')}</th>
          </tr>
        </thead>
        <tbody>
          {withParts.map((loan) => (
            <tr key={loan.loanNo}>
              <td>{loan.loanNo}</td>
              <td className="num">{formatYuan(loan.principalFen)}</td>
              {parts.map((part) => (
                <td key={part.key} className="num">
                  {formatYuan(part.fen(loan))}
                </td>
              ))}
              <td className="num">{formatYuan(loan.overdueFen)}</td>
              <td className="center">
                {loan.overdueSince ? documentDate(loan.overdueSince, lang) : '–'}
              </td>
              <td className="center">{loan.daysPastDue}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>{t('print.loan.total')}</td>
            {partTotals.map((part) => (
              <td key={part.key} className="num" data-field={`overdue.${part.key}`}>
                {formatYuan(part.total)}
              </td>
            ))}
            <td className="num" data-field="overdue.total">
              {formatYuan(total)}
            </td>
            <td colSpan={2} />
          </tr>
          <tr className="capitals">
            <td colSpan={8} data-field="overdue.capitals">
              {t('print.loan.inCapitals')}
              {sep}
              {partTotals.map((part) => (
                <span key={part.key} className="capital-part">
                  {part.label} {amountInCapitals(part.total)}
                  {lang === 'zh' ? '；' : '; '}
                </span>
              ))}
              <b>
                {t('print.loan.overdueTotal')} {amountInCapitals(total)}
              </b>
            </td>
          </tr>
        </tfoot>
      </table>
    );
  }
  return (
    <table className="facts">
      <thead>
        <tr>
          <th>{t('print.loan.no')}</th>
          <th>{t('print.loan.principal')}</th>
          <th>{t('print.loan.outstanding')}</th>
          <th>{t('print.loan.overdue')}</th>
          <th>{t('print.loan.overdueSince')}</th>
          <th>{t('print.loan.dpd')}</th>
        </tr>
      </thead>
      <tbody>
        {loans.map((loan) => (
          <tr key={loan.loanNo}>
            <td>{loan.loanNo}</td>
            <td className="num">{formatYuan(loan.principalFen)}</td>
            <td className="num">{formatYuan(loan.outstandingFen)}</td>
            <td className="num">{formatYuan(loan.overdueFen)}</td>
            <td className="center">
              {loan.overdueSince ? documentDate(loan.overdueSince, lang) : '–'}
            </td>
            <td className="center">{loan.daysPastDue}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            {t('print.loan.totalCapitals')}
            {sep}
            {amountInCapitals(total)}
          </td>
          <td className="num">{formatYuan(total)}</td>
          <td colSpan={2} />
        </tr>
      </tfoot>
    </table>
  );
}

export function staffLine(staff: readonly StaffOnDocument[], lang: DocumentLang): string {
  return staff.map((member) => staffWithNumber(member, lang)).join(lang === 'zh' ? '、' : '; ');
}

/** One staff member with staff number and collection certificate numbers, for the notice. */
export function staffWithCertificates(member: StaffOnDocument, lang: DocumentLang): string {
  const certificates = member.certificateNos ?? [];
  if (!certificates.length) return staffWithNumber(member, lang);
  return lang === 'zh'
    ? `${member.name}（工号 ${member.staffNo}，证书编号 ${certificates.join('、')}）`
    : `${member.name} (staff no. ${member.staffNo}, certificate no. ${certificates.join(', ')})`;
}

/** Where the branch seal goes: the branch name, "(seal)" and the date, right-aligned. */
export function SealBlock({ doc, t }: { doc: DocumentData; t: PrintT }) {
  return (
    <div className="seal-block">
      <div className="seal-text">
        <div className="seal-place" aria-hidden="true">
          {t('print.seal.place')}
        </div>
        <div>
          {doc.letterhead.name}
          {t('print.seal.stamp')}
        </div>
        <div>{documentDate(doc.issueDate, doc.lang)}</div>
      </div>
    </div>
  );
}

/** The dashed cut line and the slip the borrower signs and returns. */
export function TearOffSlip({
  blocks,
  t,
}: {
  blocks: readonly TemplateBlock[] | undefined;
  t: PrintT;
}) {
  if (!blocks?.length) return null;
  // The cut line travels with its slip: if the page is full, both go to the next sheet.
  return (
    <div className="slip-group">
      <div className="cut-line" aria-hidden="true">
        <span>{t('print.cutLine')}</span>
      </div>
      <section className="slip">
        <Blocks blocks={blocks} />
        <div className="slip-fields">
          <div>
            {t('print.slip.signature')}
            <span className="sign-line" />
          </div>
          <div>
            {t('print.slip.date')}
            <span className="sign-line" />
          </div>
          <div>
            {t('print.slip.phone')}
            <span className="sign-line" />
          </div>
        </div>
      </section>
    </div>
  );
}
