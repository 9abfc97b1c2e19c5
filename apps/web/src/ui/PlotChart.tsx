/**
 * Hosts one Observable Plot figure: builds it for the host's width, appends it, and removes it
 * when the component goes away.
 *
 * Drawing is kept off the critical path: each chart is drawn in its own task (so a results update
 * is several short tasks rather than one long one), and only while it is on screen (an
 * off-screen chart is redrawn when it is scrolled into view).
 */
import { useEffect, useRef, useState } from 'react';
import { scheduleDraw } from './drawQueue.ts';

type Built = SVGSVGElement | HTMLElement;

interface Props {
  /** Builds the figure for a width in pixels; memoize it on its data (useCallback). */
  build: (width: number) => Built;
  /** Accessible description of what the figure shows. */
  label: string;
  minHeight?: number;
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // No synchronous clientWidth read (it would force a layout in the middle of a commit): the
    // observer reports the initial size itself, after the browser's own layout.
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Ignore sub-pixel jitter; redraw on real size changes only.
      setWidth((old) => (Math.abs(old - w) >= 4 ? w : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function useOnScreen(ref: React.RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    // The results scroll inside their own pane: observe against it, or its clipping would hide
    // charts that are within the margin of its viewport.
    const root = el.closest('[data-scroll-root]');
    const observer = new IntersectionObserver(
      (entries) => setVisible(entries.some((e) => e.isIntersecting)),
      { root, rootMargin: '300px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}

export function PlotChart({ build, label, minHeight = 200 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  const visible = useOnScreen(ref);
  const drawn = useRef<{ build: unknown; width: number }>({ build: undefined, width: 0 });

  useEffect(() => {
    const host = ref.current;
    if (!host || width <= 0 || !visible) return;
    if (drawn.current.build === build && drawn.current.width === width) return;
    return scheduleDraw(() => {
      let figure: Built;
      try {
        figure = build(width);
      } catch (error) {
        const p = document.createElement('p');
        p.className = 'chart-error';
        p.textContent = `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
        figure = p;
      }
      // The host is role="img" with a label saying what the chart shows; Plot's own ARIA inside
      // it (aria-label on <g> marks) is presentational, so hide it from assistive tech.
      figure.setAttribute('aria-hidden', 'true');
      host.replaceChildren(figure);
      drawn.current = { build, width };
    });
  }, [build, width, visible]);

  // Remove the figure when the chart goes away.
  useEffect(() => {
    const host = ref.current;
    return () => host?.replaceChildren();
  }, []);

  return (
    <div ref={ref} className="plot-host" role="img" aria-label={label} style={{ minHeight }} />
  );
}
