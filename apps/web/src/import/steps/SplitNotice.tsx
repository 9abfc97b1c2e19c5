/**
 * "Your segments do not separate a sweet spot": shown in the fits and backtest steps when the
 * calibration found one segment, every segment marked sweet, or a sweet spot indistinguishable
 * from the rest — with the proposed split of one column (docs/calibration.md, "When the segments
 * do not differ"), the figures behind it, the other columns, and a button that puts the split
 * into the segments step to accept or change.
 */
import type { SegmentRule, SplitGroup, SplitProposal } from '@sweetspot/calibration';
import { useId, useState } from 'react';
import { money, number, percent } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { sentence } from '../backtest-view.ts';
import { type Column, TableRows } from '../TableRows.tsx';

interface Props {
  proposal: SplitProposal;
  currency: string;
  onUse(rules: SegmentRule[]): void;
}

const HEADLINE: Record<SplitProposal['reason'], string> = {
  'one-segment': 'One segment: focus and as-is would pursue the same deals.',
  'all-sweet': 'Every segment is the sweet spot: focus and as-is would pursue the same deals.',
  indistinguishable: 'Your sweet spot does not differ from the rest in the data.',
};

export function SplitNotice({ proposal, currency, onUse }: Props) {
  const [choice, setChoice] = useState(0);
  const selectId = useId();
  const candidate = proposal.candidates[choice] ?? proposal.candidates[0];
  const columns = groupColumns(currency);
  return (
    <section
      className="crm-split"
      role="status"
      aria-labelledby={`${selectId}-heading`}
      data-testid="crm-split"
    >
      <h4 id={`${selectId}-heading`}>{HEADLINE[proposal.reason]}</h4>
      <p>
        {proposal.reason === 'indistinguishable'
          ? `${sentence(proposal.message)}. `
          : 'The comparison would show no difference whatever the strategies are. '}
        {candidate
          ? 'A sweet spot is the kind of deal worth most per hour of a rep’s time. Proposed:'
          : 'No column of the export splits the deals (each value needs enough closed deals): add segment rules in the Segments step.'}
      </p>
      {candidate ? (
        <>
          <p className="crm-split-proposal">
            <strong>
              {candidate.column}: {candidate.sweet.label}
            </strong>{' '}
            wins {money(candidate.sweet.valuePerDealWeek, currency)} per deal-week against{' '}
            {money(candidate.rest.valuePerDealWeek, currency)} for everything else (×
            {number(candidate.ratio, 2)},{' '}
            {proposal.clear && choice === 0
              ? `${number(candidate.z, 1)} standard errors)`
              : candidate.z >= 3
                ? `${number(candidate.z, 1)} standard errors)`
                : `only ${number(candidate.z, 1)} standard errors: it may be noise)`}
            .
          </p>
          <ScrollRegion className="crm-table-scroll" label={`${candidate.column}, value by value`}>
            <table className="crm-table crm-split-table">
              <caption>
                {candidate.column}, best first (closed deals; a deal-week stands for the same rep
                hours in every segment)
              </caption>
              <TableRows
                rowHeader={['Value', (g) => g.label]}
                columns={columns}
                rows={candidate.groups}
              />
            </table>
          </ScrollRegion>
          <div className="crm-split-actions">
            {proposal.candidates.length > 1 ? (
              <label htmlFor={selectId}>
                Split on{' '}
                <select
                  id={selectId}
                  value={choice}
                  onChange={(e) => setChoice(Number(e.target.value))}
                >
                  {proposal.candidates.map((c, i) => (
                    <option key={c.column} value={i}>
                      {c.column} (×{number(c.ratio, 2)})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="button" onClick={() => onUse(candidate.rules)}>
              Use this split
            </button>
            <span className="crm-hint">
              It goes into the Segments step, where you can change it; the fits and the backtest
              then run again.
            </span>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** The comparison's columns after the value: how the closed deals of each value did. */
function groupColumns(currency: string): readonly Column<SplitGroup>[] {
  const orDash = (x: number, show: (x: number) => string) => (Number.isFinite(x) ? show(x) : '—');
  return [
    ['Closed deals', (g) => number(g.closed)],
    ['Win rate', (g) => percent(g.winRate)],
    ['Median won', (g) => orDash(g.medianWon, (x) => money(x, currency))],
    ['Median weeks', (g) => orDash(g.medianWonWeeks, (x) => number(x, 1))],
    [
      'Won per deal-week',
      (g) => (
        <>
          {money(g.valuePerDealWeek, currency)} ± {money(g.standardError, currency)}
        </>
      ),
    ],
  ];
}
