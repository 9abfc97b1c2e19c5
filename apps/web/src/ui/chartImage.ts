/**
 * A chart on screen (a ChartFrame <figure> holding one or more Observable Plot SVGs) as a
 * standalone image: an SVG document with its title, reading note, legend and sub-titles drawn in
 * and every style it needs inline (no page CSS, no web fonts), and a PNG rendered from that SVG
 * through a canvas. CSP-safe: the PNG is drawn from a blob: URL image (img-src blob:).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 16;
const TITLE_SIZE = 18;
const NOTE_SIZE = 14;
const LEGEND_SIZE = 14;
const MUTED = '#4a5561';

export interface ChartImage {
  /** The SVG document, with an XML declaration. */
  svg: string;
  width: number;
  height: number;
}

type Measure = (text: string, font: string) => number;

function canvasMeasure(): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, font) => {
    if (!ctx) return text.length * 7.5;
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** Greedy word wrap to `width` pixels. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The Plot SVGs of a chart frame (each host holds an <svg>, or a <figure> around one). */
export function plotSvgs(frame: Element): SVGSVGElement[] {
  const out: SVGSVGElement[] = [];
  for (const host of frame.querySelectorAll('.plot-host')) {
    const svg = host.querySelector(':scope > svg, :scope > figure > svg');
    if (svg instanceof SVGSVGElement) out.push(svg);
  }
  return out;
}

function textOf(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A standalone SVG of a chart frame as it is on screen. Throws if it has not been drawn yet. */
export function chartToSvg(frame: HTMLElement): ChartImage {
  const plots = plotSvgs(frame);
  if (plots.length === 0) throw new Error('This chart has not been drawn yet: scroll to it first.');
  const style = getComputedStyle(frame);
  const family = style.fontFamily || 'system-ui, sans-serif';
  const ink = style.color || '#1b1f24';
  const measure = canvasMeasure();
  const frameRect = frame.getBoundingClientRect();
  const width = Math.max(320, Math.round(frameRect.width));
  const inner = width - 2 * PAD;

  const root = el('svg', {
    xmlns: SVG_NS,
    version: '1.1',
    width,
    height: 0,
    'font-family': family,
    'font-size': 14,
  });
  root.setAttribute('style', `color:${ink};background:#fff`);
  root.append(el('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#fff' }));

  let y = PAD;
  // Title and reading note, wrapped to the width.
  const titleFont = `700 ${TITLE_SIZE}px ${family}`;
  for (const line of wrapText(textOf(frame.querySelector('h3')), inner, (s) =>
    measure(s, titleFont),
  )) {
    y += TITLE_SIZE * 1.25;
    root.append(
      el(
        'text',
        { x: PAD, y: y - 4, 'font-size': TITLE_SIZE, 'font-weight': 700, fill: ink },
        line,
      ),
    );
  }
  const note = textOf(frame.querySelector('.chart-note'));
  if (note) {
    y += 4;
    const noteFont = `${NOTE_SIZE}px ${family}`;
    for (const line of wrapText(note, inner, (s) => measure(s, noteFont))) {
      y += NOTE_SIZE * 1.35;
      root.append(el('text', { x: PAD, y: y - 4, 'font-size': NOTE_SIZE, fill: MUTED }, line));
    }
  }
  // HTML legend → swatches and labels, flowing onto new lines as needed.
  const items = [...frame.querySelectorAll('.swatches li')];
  if (items.length > 0) {
    y += 8;
    let x = PAD;
    const legendFont = `${LEGEND_SIZE}px ${family}`;
    let rowY = y;
    for (const item of items) {
      const label = textOf(item);
      const swatch = item.querySelector('.swatch');
      const color = swatch ? getComputedStyle(swatch).backgroundColor : ink;
      const w = 20 + measure(label, legendFont) + 16;
      if (x > PAD && x + w > width - PAD) {
        x = PAD;
        rowY += LEGEND_SIZE * 1.5;
      }
      root.append(
        el('rect', {
          x,
          y: rowY + 2,
          width: 14,
          height: 14,
          rx: 3,
          fill: color,
          stroke: 'rgba(0,0,0,0.25)',
        }),
        el('text', { x: x + 20, y: rowY + 14, 'font-size': LEGEND_SIZE, fill: ink }, label),
      );
      x += w;
    }
    y = rowY + LEGEND_SIZE * 1.5;
  }
  y += 6;

  // Sub-titles (A / B panels) and the plots, placed as they are laid out on screen.
  const subtitles = [...frame.querySelectorAll('h4')];
  const boxes = [...subtitles, ...plots].map((node) => node.getBoundingClientRect());
  const bodyTop = Math.min(...boxes.map((r) => r.top));
  const at = (r: DOMRect) => ({ x: r.left - frameRect.left, y: y + (r.top - bodyTop) });
  let bottom = y;
  for (const h4 of subtitles) {
    const r = h4.getBoundingClientRect();
    const pos = at(r);
    const badge = h4.querySelector('.badge');
    let textX = pos.x;
    const baseline = pos.y + r.height * 0.75;
    if (badge) {
      const br = badge.getBoundingClientRect();
      const bp = at(br);
      root.append(
        el('rect', {
          x: bp.x,
          y: bp.y,
          width: br.width,
          height: br.height,
          rx: 4,
          fill: getComputedStyle(badge).backgroundColor,
        }),
        el(
          'text',
          {
            x: bp.x + br.width / 2,
            y: baseline,
            'text-anchor': 'middle',
            'font-weight': 700,
            fill: '#fff',
          },
          textOf(badge),
        ),
      );
      textX = bp.x + br.width + 6;
    }
    const label = textOf(h4).slice(textOf(badge).length).trim();
    root.append(
      el('text', { x: textX, y: baseline, 'font-size': 15, 'font-weight': 700, fill: ink }, label),
    );
    bottom = Math.max(bottom, pos.y + r.height);
  }
  for (const plot of plots) {
    const r = plot.getBoundingClientRect();
    const pos = at(r);
    const clone = plot.cloneNode(true) as SVGSVGElement;
    // Hovered tooltips are not part of the figure.
    for (const tip of clone.querySelectorAll('[aria-label="tip"]')) tip.remove();
    clone.removeAttribute('aria-hidden');
    const w = Number(plot.getAttribute('width')) || r.width;
    const h = Number(plot.getAttribute('height')) || r.height;
    clone.setAttribute('x', String(pos.x));
    clone.setAttribute('y', String(pos.y));
    clone.setAttribute('width', String(r.width || w));
    clone.setAttribute('height', String(r.height || h));
    if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
    // Plot's inline style says `font-family: inherit`: spell the font out.
    clone.setAttribute(
      'style',
      `font-size:14px;font-family:${family};color:${ink};background:transparent;overflow:visible`,
    );
    root.append(clone);
    bottom = Math.max(bottom, pos.y + (r.height || h));
  }
  const height = Math.ceil(bottom + PAD);
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg, width, height };
}

/** Renders a chart SVG to PNG at `scale` × its size (2: crisp on slides and high-DPI screens). */
export async function svgToPng(image: ChartImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart image could not be rendered.'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas.');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
