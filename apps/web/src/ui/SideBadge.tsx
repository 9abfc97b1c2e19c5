/** The coloured "A" or "B" badge that names a strategy's side wherever both are shown. */
export function SideBadge({ side }: { side: 'A' | 'B' }) {
  return <span className={`badge badge-${side.toLowerCase()}`}>{side}</span>;
}

/** A side's heading above its own chart: the badge, then the strategy's name. */
export function SideHeading({ side, name }: { side: 'A' | 'B'; name: string }) {
  return (
    <h4>
      <SideBadge side={side} /> {name}
    </h4>
  );
}
