/**
 * "Your segments do not separate a sweet spot": shown in the fits and backtest steps when the
 * calibration found one segment, every segment marked sweet, or a sweet spot indistinguishable
 * from the rest — with the proposed split of one column (docs/calibration.md, "When the segments
 * do not differ"), the figures behind it, the other columns, and a button that puts the split
 * into the segments step to accept or change.
 */
import type { SegmentRule, SplitProposal } from '@sweetspot/calibration';
import { useId, useState } from 'react';
import { money, number, percent } from '../../format.ts';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { TableHead } from '../../ui/TableHead.tsx';

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
          ? `${capitalise(proposal.message)}. `
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
              <TableHead
                columns={[
                  'Value',
                  'Closed deals',
                  'Win rate',
                  'Median won',
                  'Median weeks',
                  'Won per deal-week',
                ]}
              />
              <tbody>
                {candidate.groups.map((g) => (
                  <tr key={g.label}>
                    <th scope="row">{g.label}</th>
                    <td>{number(g.closed)}</td>
                    <td>{percent(g.winRate)}</td>
                    <td>{Number.isFinite(g.medianWon) ? money(g.medianWon, currency) : '—'}</td>
                    <td>{Number.isFinite(g.medianWonWeeks) ? number(g.medianWonWeeks, 1) : '—'}</td>
                    <td>
                      {money(g.valuePerDealWeek, currency)} ± {money(g.standardError, currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
