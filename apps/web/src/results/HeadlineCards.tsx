/**
 * Headline figures for A and B side by side, with the paired difference A − B. Compact at first
 * (issue 18): the four figures a leader asks about — bookings, contribution (when hours are
 * priced) or gross margin, the chance of hitting quota, hours wasted — each A and B with its
 * median and A − B with its mean (the verdict's figure); "Show every figure" adds the other
 * cards, the ranges, the median of A − B and the means' intervals.
 */
import { useState } from 'react';
import { hours, MISSING, money, percent, points, probability } from '../format.ts';
import type { BeatFigure, Figure, Headline, Headlines, Unit } from './derive.ts';

function fmt(unit: Unit, value: number | undefined, currency: string, signed = false): string {
  if (value === undefined || !Number.isFinite(value)) return MISSING;
  switch (unit) {
    case 'money':
      return money(value, currency, { signed });
    case 'hours':
      return hours(value, 0, signed);
    case 'probability':
      return signed ? points(value) : probability(value);
    case 'share':
      return signed ? points(value) : percent(value);
  }
}

/**
 * The mean's 95% confidence interval as "± $8.4K" (two significant digits: it is a precision),
 * and the mean itself when the figure's value is a median.
 */
function meanParts(
  unit: Unit,
  figure: Figure,
  currency: string,
  signed = false,
): { mean: string | undefined; half: string } | undefined {
  const m = figure.mean;
  if (!m || !Number.isFinite(m.value)) return undefined;
  const raw = (m.ci[1] - m.ci[0]) / 2;
  const half = raw > 0 ? Number(raw.toPrecision(2)) : 0;
  const h =
    unit === 'money'
      ? money(half, currency)
      : unit === 'hours'
        ? hours(half, half < 10 ? 1 : 0)
        : points(half, 1).replace(/^\+/, '');
  return {
    mean: figure.basis === 'mean' ? undefined : `mean ${fmt(unit, m.value, currency, signed)}`,
    half: `± ${h}`,
  };
}

function FigureBlock({
  side,
  name,
  figure,
  unit,
  currency,
}: {
  side: 'A' | 'B';
  name: string;
  figure: Figure;
  unit: Unit;
  currency: string;
}) {
  const mean = meanParts(unit, figure, currency);
  return (
    <div className={`figure side-${side.toLowerCase()}`}>
      <span className="figure-side">
        <span className={`badge badge-${side.toLowerCase()}`}>{side}</span>
        <span className="visually-hidden">{name}</span>
      </span>
      <span className="figure-value" data-testid={`value-${side}`}>
        {fmt(unit, figure.value, currency)}
      </span>
      {figure.low !== undefined && figure.high !== undefined ? (
        <span className="figure-range">
          <span className="visually-hidden">{figure.interval} </span>
          {fmt(unit, figure.low, currency)}–{fmt(unit, figure.high, currency)}
        </span>
      ) : null}
      {mean ? (
        <span className="figure-mean" data-testid={`mean-${side}`}>
          {mean.mean ? <span className="figure-mean-value">{mean.mean} </span> : null}
          <span className="figure-mean-ci">
            <span className="visually-hidden">95% confidence interval of the mean: </span>
            {mean.half} <span aria-hidden="true">(95%)</span>
          </span>
        </span>
      ) : null}
    </div>
  );
}

/** "median · P10–P90", "95% CI", "avg of quarters". */
function basisText(card: Headline): string {
  const f = card.a;
  return [card.note, f.basis, f.low !== undefined ? f.interval : undefined]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The A − B a card leads with: the mean difference (the expected gain, with its 95% interval)
 * wherever the summary has one — the figure the verdict sentence reads aloud, so "how much more"
 * is one number on the screen (issue 18) — else the figure's own value.
 */
function headDiff(d: Figure): { value: number; basis: string | undefined; isMean: boolean } {
  if (d.mean && Number.isFinite(d.mean.value) && d.basis !== 'mean')
    return { value: d.mean.value, basis: 'mean', isMean: true };
  return { value: d.value, basis: d.basis, isMean: false };
}

function verdict(card: Headline, v: number): string {
  if (!Number.isFinite(v) || v === 0) return 'neutral';
  return v > 0 === card.higherIsBetter ? 'a-better' : 'b-better';
}

function Card({
  card,
  names,
  currency,
}: {
  card: Headline;
  names: { A: string; B: string };
  currency: string;
}) {
  const d = card.diff;
  const isPoints = card.unit === 'probability' || card.unit === 'share';
  const head = headDiff(d);
  const diffMean = meanParts(card.unit, d, currency, true);
  return (
    <article
      className="card"
      data-testid={`card-${card.id}`}
      aria-labelledby={`card-${card.id}-title`}
    >
      <h3 id={`card-${card.id}-title`}>{card.title}</h3>
      <p className="card-basis">{basisText(card)}</p>
      <div className="figures">
        <FigureBlock side="A" name={names.A} figure={card.a} unit={card.unit} currency={currency} />
        <FigureBlock side="B" name={names.B} figure={card.b} unit={card.unit} currency={currency} />
      </div>
      <p className={`card-diff ${verdict(card, head.value)}`} data-testid="diff">
        A − B{isPoints ? '' : head.basis ? ` (${head.basis})` : ''}:{' '}
        <strong data-testid="diff-value">{fmt(card.unit, head.value, currency, true)}</strong>
        {head.isMean && diffMean ? (
          <span className="diff-range" data-testid="diff-mean">
            {diffMean.half} (95% CI)
          </span>
        ) : null}
        {d.low !== undefined && d.high !== undefined ? (
          <span className="diff-range">
            {head.isMean
              ? `${d.basis ?? 'median'} ${fmt(card.unit, d.value, currency, true)}, `
              : ''}
            {d.interval ?? 'P10–P90'} {fmt(card.unit, d.low, currency, true)} to{' '}
            {fmt(card.unit, d.high, currency, true)}
          </span>
        ) : null}
        {!head.isMean && diffMean ? (
          <span className="diff-range" data-testid="diff-mean">
            {diffMean.mean} {diffMean.half} (95% CI)
          </span>
        ) : null}
      </p>
      {card.beat ? (
        <p className="card-beat" data-testid="card-beat">
          {card.beat.label}: <strong>{probability(card.beat.figure.p)}</strong>{' '}
          <span className="diff-range">
            95% CI {probability(card.beat.figure.ci[0])}–{probability(card.beat.figure.ci[1])}
          </span>
        </p>
      ) : null}
    </article>
  );
}

function BeatLine({ label, beat }: { label: string; beat: BeatFigure }) {
  return (
    <div className="beat">
      <span className="beat-label">{label}</span>
      <span
        className={`beat-value ${beat.p > 0.5 ? 'a-better' : beat.p < 0.5 ? 'b-better' : 'neutral'}`}
        data-testid={`beat-${label.toLowerCase().replace(/\s+/g, '-')}`}
      >
        {probability(beat.p)}
      </span>
      <span className="figure-range">
        95% CI {probability(beat.ci[0])}–{probability(beat.ci[1])}
        {beat.tie > 0.005 ? `; ties ${percent(beat.tie)}` : ''}
      </span>
    </div>
  );
}

/** The cards the compact view shows: contribution replaces gross margin when hours are priced. */
export function keyCards(cards: readonly Headline[]): Set<string> {
  const ids = new Set(cards.map((c) => c.id));
  return new Set([
    'bookings',
    ids.has('contribution') ? 'contribution' : 'margin',
    'pHitQuota',
    'hoursWasted',
  ]);
}

export function HeadlineCards({
  headlines,
  names,
  currency,
}: {
  headlines: Headlines;
  names: { A: string; B: string };
  currency: string;
}) {
  const [detail, setDetail] = useState(false);
  const key = keyCards(headlines.cards);
  return (
    <>
      <div className="cards-bar">
        <button
          type="button"
          className="small"
          aria-pressed={detail}
          onClick={() => setDetail((d) => !d)}
          data-testid="cards-detail"
        >
          {detail ? 'Show fewer figures' : 'Show every figure'}
        </button>
      </div>
      <div className="cards" data-detail={detail ? 'on' : 'off'}>
        {headlines.cards.map((card) => (
          <div key={card.id} className={key.has(card.id) ? 'card-slot key' : 'card-slot'}>
            <Card card={card} names={names} currency={currency} />
          </div>
        ))}
        <article
          className="card card-beats"
          data-testid="card-beats"
          aria-labelledby="card-beats-title"
        >
          <h3 id="card-beats-title">P(A beats B)</h3>
          <p className="card-basis">same trial, same deals · 95% CI</p>
          <BeatLine label="On bookings" beat={headlines.beats.bookings} />
          <BeatLine label="On margin" beat={headlines.beats.margin} />
          {headlines.beats.contribution ? (
            <BeatLine label="On contribution" beat={headlines.beats.contribution} />
          ) : null}
        </article>
      </div>
    </>
  );
}
