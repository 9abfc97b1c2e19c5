import type { ReactNode } from 'react';
import { ChartExport } from './ChartExport.tsx';

/** A chart with its title, a one-line reading guide, and PNG/SVG download buttons. */
export function ChartFrame({
  id,
  title,
  note,
  children,
  wide = false,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <figure className={`chart${wide ? ' wide' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <ChartExport title={title} />
      </div>
      {note ? <p className="chart-note">{note}</p> : null}
      {children}
    </figure>
  );
}
