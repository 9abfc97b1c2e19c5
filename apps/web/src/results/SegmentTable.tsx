/**
 * Win rate, cycle length and discount by segment under A and B. Transposed (a column per segment
 * and strategy, a row per figure) so that it fits half the results width; more segments scroll.
 */
import { Fragment } from 'react';
import { hours, money, number, percent } from '../format.ts';
import type { SegmentFigures, SegmentRow } from './derive.ts';
import { TableFigure } from './TableFigure.tsx';

interface Props {
  rows: SegmentRow[];
  names: { A: string; B: string };
  currency: string;
  periodLabel: string;
  /** A or B prospects: show the prospecting lines (docs/model.md §14). */
  prospects?: boolean;
}

interface Line {
  label: string;
  unit?: string;
  value: (f: SegmentFigures, currency: string) => string;
}

const LINES: Line[] = [
  { label: 'Win rate', unit: 'of decided deals', value: (f) => percent(f.winRate) },
  { label: 'Cycle', unit: 'weeks to a win', value: (f) => number(f.cycleWeeksWon, 1) },
  { label: 'Discount', unit: 'off list, won deals', value: (f) => percent(f.discount) },
  { label: 'Deals won', unit: 'per trial', value: (f) => number(f.wins, 1) },
  { label: 'Deals pursued', unit: 'per trial', value: (f) => number(f.pursued, 1) },
  { label: 'Bookings', unit: 'per trial', value: (f, c) => money(f.bookings, c) },
];

const PROSPECTING_LINES: Line[] = [
  {
    label: 'Prospected deals',
    unit: 'arrived, per trial',
    value: (f) => number(f.prospected, 1),
  },
  {
    label: 'Prospecting',
    unit: 'rep hours, per trial',
    value: (f) => hours(f.hours.prospecting),
  },
];

export function SegmentTable({ rows, names, currency, periodLabel, prospects = false }: Props) {
  const lines = prospects ? [...LINES, ...PROSPECTING_LINES] : LINES;
  return (
    <TableFigure
      id="segment-table-title"
      title={`By segment (${periodLabel})`}
      note="Means over the trials; — where a strategy decided no deal in the segment."
    >
      <table className="results-table segment-results">
        <thead>
          <tr>
            <td />
            {rows.map((r) => (
              <th scope="colgroup" colSpan={2} key={r.id} className="segment-head">
                {r.name}
                {r.sweetSpot ? <span className="tag">sweet spot</span> : null}
              </th>
            ))}
          </tr>
          <tr>
            <td />
            {rows.map((r) => (
              <Fragment key={r.id}>
                <th scope="col" className="side-cell">
                  <span className="badge badge-a" title={names.A}>
                    A
                  </span>
                  <span className="visually-hidden">{names.A}</span>
                </th>
                <th scope="col" className="side-cell">
                  <span className="badge badge-b" title={names.B}>
                    B
                  </span>
                  <span className="visually-hidden">{names.B}</span>
                </th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.label}>
              <th scope="row">
                {line.label}
                {line.unit ? <span className="unit">{line.unit}</span> : null}
              </th>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <td>{line.value(r.a, currency)}</td>
                  <td>{line.value(r.b, currency)}</td>
                </Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFigure>
  );
}
