import type { DocumentOf } from '../../../electron/shared/schemas/notices';
import { Blocks, LoanTable, SealBlock, TearOffSlip, TemplatedDocument } from './parts';

type LetterDoc = DocumentOf<'reminderLetter'> | DocumentOf<'demandLetter'>;

/**
 * Reminder and demand letters share one layout; the demand letter's template adds the
 * consequences of not paying. The tone is in the wording, which the templates hold.
 */
function Letter({ doc }: { doc: LetterDoc }) {
  return (
    <TemplatedDocument doc={doc}>
      {({ sections, t }) => (
        <>
          <div className="indent">
            <Blocks blocks={sections.body} salutation />
          </div>
          <LoanTable loans={doc.loans} lang={doc.lang} t={t} />
          <div className="indent">
            <Blocks blocks={sections.request} />
            <Blocks blocks={sections.consequences} />
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

/** 还款提醒函: a courteous reminder. */
export function ReminderLetter({ doc }: { doc: DocumentOf<'reminderLetter'> }) {
  return <Letter doc={doc} />;
}

/** 催收函: firmer, states the consequences of not paying; never threatens. */
export function DemandLetter({ doc }: { doc: DocumentOf<'demandLetter'> }) {
  return <Letter doc={doc} />;
}
