/** "PNG" and "SVG" buttons beside a chart's title: download the chart as it is on screen. */
import { useRef, useState } from 'react';
import { chartToSvg, svgToPng } from './chartImage.ts';
import { downloadBlob, slug } from './download.ts';

export function ChartExport({ title }: { title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const frame = (): HTMLElement => {
    const figure = ref.current?.closest('figure');
    if (!(figure instanceof HTMLElement)) throw new Error('Chart not found.');
    return figure;
  };

  const save = async (kind: 'png' | 'svg') => {
    setError(undefined);
    setBusy(true);
    try {
      const image = chartToSvg(frame());
      const name = `${slug(title, 'chart')}.${kind}`;
      if (kind === 'svg') downloadBlob(new Blob([image.svg], { type: 'image/svg+xml' }), name);
      else downloadBlob(await svgToPng(image), name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="chart-export" ref={ref}>
      {(['png', 'svg'] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          className="small"
          disabled={busy}
          onClick={() => void save(kind)}
          aria-label={`Download “${title}” as ${kind.toUpperCase()}`}
          data-testid={`chart-${kind}`}
        >
          {kind.toUpperCase()}
        </button>
      ))}
      {error ? (
        <span className="chart-export-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
