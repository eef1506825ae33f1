import type { ReactNode } from 'react';
import type { Letterhead } from '../../../electron/shared/schemas/notices';

/**
 * The branch's letterhead on a document that is not a templated letter (the monthly report,
 * the cash hand-in sheet, the waiver agreement): logo, name, address and phone, and on the
 * right the document's own lines (its number, the month, when it was printed), each a label
 * and a value.
 */
export function SimpleLetterhead(props: {
  letterhead: Letterhead;
  lang: 'zh' | 'en';
  lines: { label: string; value: ReactNode; strong?: boolean }[];
}) {
  const { letterhead } = props;
  const sep = props.lang === 'zh' ? '：' : ': ';
  return (
    <header className="letterhead">
      {letterhead.logoDataUrl && <img className="logo" src={letterhead.logoDataUrl} alt="" />}
      <div className="branch">
        <div className="branch-name">{letterhead.name}</div>
        <div className="branch-contact">
          {[letterhead.address, letterhead.phone].filter(Boolean).join('　')}
        </div>
      </div>
      <div className="reference">
        {props.lines.map((line) => (
          <div key={line.label}>
            {line.label}
            {sep}
            {line.strong ? <b>{line.value}</b> : line.value}
          </div>
        ))}
      </div>
    </header>
  );
}
