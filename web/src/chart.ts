import { day, h, num } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    el.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

export interface Point {
  /** Start of the bucket (ISO). */
  start: string;
  value: number;
}

/** "Nice" upper bound of an axis: 1, 2 or 5 times a power of ten, at least `max`. */
function niceMax(max: number): number {
  if (max <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

/**
 * A bar chart of one series over time, drawn as SVG (no chart library): it scales with its
 * container (viewBox), has a title and description for screen readers, and a table of the same
 * numbers beside it.
 */
export function barChart(title: string, unit: string, points: Point[]): HTMLElement {
  const width = 640;
  const height = 260;
  const pad = { top: 16, right: 12, bottom: 40, left: 48 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const top = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const total = points.reduce((sum, p) => sum + p.value, 0);

  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    class: 'chart',
    'aria-labelledby': 'chart-title chart-desc',
    'data-testid': 'trend-chart',
  });
  svg.append(
    s('title', { id: 'chart-title' }, title),
    s(
      'desc',
      { id: 'chart-desc' },
      `${points.length} weeks from ${points[0] ? day(points[0].start) : '-'}; ` +
        `total ${num(total)} ${unit}, highest week ${num(Math.max(0, ...points.map((p) => p.value)))} ${unit}.`,
    ),
  );
  const plot = s('g', { transform: `translate(${pad.left},${pad.top})` });
  svg.append(plot);
  for (let i = 0; i <= 4; i += 1) {
    const y = innerH - (innerH * i) / 4;
    plot.append(
      s('line', { x1: 0, x2: innerW, y1: y, y2: y, class: i === 0 ? 'axis' : 'grid' }),
      s('text', { x: -6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, num((top * i) / 4, 2)),
    );
  }
  const slot = innerW / Math.max(points.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const labelEvery = Math.ceil(points.length / 6);
  points.forEach((p, i) => {
    const barH = (innerH * p.value) / top;
    const x = i * slot + (slot - barW) / 2;
    const bar = s('rect', {
      x,
      y: innerH - barH,
      width: barW,
      height: Math.max(barH, p.value > 0 ? 1 : 0),
      class: 'bar',
      'data-value': p.value,
    });
    bar.append(s('title', {}, `week of ${day(p.start)}: ${num(p.value)} ${unit}`));
    plot.append(bar);
    if (i % labelEvery === 0) {
      plot.append(
        s(
          'text',
          { x: i * slot + slot / 2, y: innerH + 18, 'text-anchor': 'middle', class: 'tick' },
          day(p.start).slice(5),
        ),
      );
    }
  });
  plot.append(
    s(
      'text',
      { x: innerW / 2, y: innerH + 36, 'text-anchor': 'middle', class: 'tick' },
      'week starting (MM-DD, UTC)',
    ),
  );

  const table = h(
    'table',
    { class: 'data' },
    h('caption', {}, `${title} (table)`),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'Week of'), h('th', { scope: 'col' }, unit)),
    ),
    h(
      'tbody',
      {},
      ...points.map((p) => h('tr', {}, h('td', {}, day(p.start)), h('td', {}, num(p.value)))),
    ),
  );
  const figure = h('figure', { class: 'chart-figure' });
  figure.append(
    svg,
    h('details', {}, h('summary', {}, 'Show the numbers'), h('div', { class: 'scroll' }, table)),
  );
  return figure;
}
