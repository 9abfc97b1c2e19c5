/**
 * Each specialist pool's hours under A and B (docs/model.md §12): hours used of the hours it had,
 * the share used, and the used hours that went to deals lost or stalled. Figures from the summary.
 */
import { hours, percent } from '../format.ts';
import type { PoolFigures, PoolRow } from './derive.ts';
import { TableFigure } from './TableFigure.tsx';

interface Props {
  rows: PoolRow[];
  names: { A: string; B: string };
  periodLabel: string;
}

function Use({ f, side, name }: { f: PoolFigures; side: 'A' | 'B'; name: string }) {
  return (
    <>
      <td className="side-cell">
        <span className={`badge badge-${side.toLowerCase()}`} title={name}>
          {side}
        </span>
        <span className="visually-hidden">{name}</span>
      </td>
      <td data-testid="pool-used">
        {hours(f.used)} <span className="unit-inline">of {hours(f.capacity)}</span>
      </td>
      <td data-testid="pool-share">{percent(f.share)}</td>
      <td>{hours(f.wasted)}</td>
    </>
  );
}

export function PoolTable({ rows, names, periodLabel }: Props) {
  return (
    <TableFigure
      id="pool-table-title"
      title={`Specialist pools (${periodLabel})`}
      testId="pool-table"
      note="Hours each pool gave deals, of the hours it had (means over the trials); wasted = on deals that ended lost or stalled. A pool near 100% holds deals back."
    >
      <table className="results-table pool-results">
        <thead>
          <tr>
            <th scope="col">Pool</th>
            <th scope="col" className="side-cell">
              <span className="visually-hidden">Strategy</span>
            </th>
            <th scope="col">Hours used</th>
            <th scope="col">Used</th>
            <th scope="col">Wasted</th>
          </tr>
        </thead>
        {rows.map((r) => (
          <tbody key={r.id} data-testid="pool-row" data-pool={r.id}>
            <tr>
              <th scope="rowgroup" rowSpan={2}>
                {r.name}
              </th>
              <Use f={r.a} side="A" name={names.A} />
            </tr>
            <tr>
              <Use f={r.b} side="B" name={names.B} />
            </tr>
          </tbody>
        ))}
      </table>
    </TableFigure>
  );
}
