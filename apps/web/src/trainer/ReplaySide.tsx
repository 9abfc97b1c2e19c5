/**
 * One side of the replay (A or B): its bookings so far, each rep's hours week by week as a
 * calendar strip stacked by use (push weeks outlined), and the feed of the week and of the deals
 * decided so far. What each frame shows comes from replayFrame.ts.
 */
import { money } from '../format.ts';
import { SideBadge } from '../ui/SideBadge.tsx';
import type { QuarterReplay, StrategyReplay } from './replay.ts';
import {
  bookedAt,
  cellTitle,
  eventText,
  feedOf,
  REPLAY_USES,
  type shownUses,
  soFarLine,
} from './replayFrame.ts';

interface Props {
  s: StrategyReplay;
  side: 'A' | 'B';
  shown: number;
  maxHours: number;
  uses: ReturnType<typeof shownUses>;
  segments: QuarterReplay['segments'];
  currency: string;
}

function HeatStrip({ s, shown, maxHours, side, uses }: Omit<Props, 'segments' | 'currency'>) {
  const weeks = s.cells[0]?.length ?? 0;
  return (
    <div
      className="heat"
      // The rep labels' column is as wide as "Rep 8" at its size, so no label is cut.
      style={{ gridTemplateColumns: `max-content repeat(${weeks}, minmax(0, 1fr))` }}
      role="img"
      aria-label={`${side}: each rep's selling hours by use, week by week; outlined weeks are quarter-end pushes`}
    >
      {s.cells.map((row, r) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: reps are positions.
        <div className="heat-row" key={`rep-${r + 1}`} style={{ display: 'contents' }}>
          <span className="heat-rep">Rep {r + 1}</span>
          {row.map((cell, k) => {
            const future = k >= shown;
            return (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: weeks are positions.
                key={k}
                className={`heat-cell${future ? ' future' : ''}${cell.push && !future ? ' push' : ''}`}
                title={future ? undefined : cellTitle(cell, r, k, uses)}
              >
                {future
                  ? null
                  : uses.map(({ use, index }) => {
                      const h = cell.hours[index] ?? 0;
                      return h > 0 ? (
                        <span
                          key={use}
                          style={{
                            height: `${(100 * h) / maxHours}%`,
                            background: REPLAY_USES[use].color,
                          }}
                        />
                      ) : null;
                    })}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function Feed({
  s,
  side,
  shown,
  segments,
  currency,
}: Pick<Props, 's' | 'side' | 'shown' | 'segments' | 'currency'>) {
  const { line, events } = feedOf(s, shown);
  return (
    <div className="feed">
      <p className="feed-week">
        {line ? (
          <>
            <strong>Week {shown}:</strong> {line}
          </>
        ) : (
          'Press Play or Step to start the quarter.'
        )}
      </p>
      {shown > 0 ? (
        <p className="feed-tally" data-testid={`replay-tally-${side}`}>
          {soFarLine(s, shown, currency)}
        </p>
      ) : null}
      {/* The room reads the tally; the deals themselves are one click away for the presenter. */}
      <details className="feed-details">
        <summary>The deals decided so far</summary>
        <ol className="feed-list" aria-label="Deals decided so far, newest first">
          {events.map((e) => (
            <li key={`${e.kind}-${e.rep}-${e.deal}-${e.week}`} className={`ev ev-${e.kind}`}>
              <span className="ev-when">
                W{e.weekOfQuarter + 1} · rep {e.rep + 1}
              </span>{' '}
              {eventText(e, segments, currency)}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

export function ReplaySide(props: Props) {
  const { s, side, shown, currency } = props;
  return (
    <section className={`replay-side side-${side.toLowerCase()}`} aria-label={`${side}: ${s.name}`}>
      <h3>
        <SideBadge side={side} />
        <span className="replay-name">{s.name}</span>
        <span className="replay-booked" data-testid={`replay-booked-${side}`}>
          {money(bookedAt(s, shown), currency)}
        </span>
      </h3>
      <HeatStrip {...props} />
      <Feed {...props} />
    </section>
  );
}
