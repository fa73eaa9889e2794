// The benchmark's report: a table on the console, bench/results/latest.md, and a PNG chart of the
// latency percentiles of every path (an SVG drawn here, rasterised by resvg).
import { Resvg } from '@resvg/resvg-js';

const fmt = (n, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '–' : Number(n).toFixed(digits);

/** Whether a row meets its target: ratio ≥ target (or ≤ for lower-is-better), or value ≤ absolute. */
export function verdict(row) {
  if (row.absoluteTarget !== undefined) {
    const lagOk = row.lagMs === undefined || row.lagMs <= 20;
    return row.value <= row.absoluteTarget && lagOk ? 'met' : 'missed';
  }
  if (row.target === undefined) return '';
  const ratioOk = row.lowerIsBetter ? row.ratio <= row.target : row.ratio >= row.target;
  const echoOk = row.echoTarget === undefined || row.echoRatio >= row.echoTarget;
  return ratioOk && echoOk ? 'met' : 'missed';
}

function targetText(row) {
  if (row.absoluteTarget !== undefined) return `≤ ${row.absoluteTarget} ${row.unit}`;
  if (row.target === undefined) return '';
  const main = `${row.lowerIsBetter ? '≤' : '≥'} ${row.target}`;
  return row.echoTarget === undefined ? main : `${main}; ≥ ${row.echoTarget} of echo`;
}

function ratioText(row) {
  if (row.ratio === undefined) return '';
  const main = `${fmt(row.ratio, 2)} of ${row.baseline}`;
  return row.echoRatio === undefined ? main : `${main}; ${fmt(row.echoRatio, 2)} of echo`;
}

function rows(results) {
  return results.cases.map((r) => ({
    path: r.name,
    rate:
      r.value !== undefined
        ? `${fmt(r.value, 1)} ${r.unit}`
        : `${fmt(r.rate)}${r.unit ? ` ${r.unit}` : '/s'}`,
    p50: r.p50 === undefined ? '' : fmt(r.p50, 1),
    p99: r.p99 === undefined ? '' : fmt(r.p99, 1),
    ratio: ratioText(r),
    target: targetText(r),
    verdict: verdict(r),
    errors: r.errors === undefined ? '' : String(r.errors),
    note: [
      r.check,
      r.cpuMs
        ? `CPU ms/request: ${Object.entries(r.cpuMs)
            .filter(([, v]) => v > 0.005)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('; '),
  }));
}

const HEAD = ['path', 'rate', 'p50 ms', 'p99 ms', 'ratio', 'target', '', 'errors', 'notes'];

export function printTable(results) {
  const lines = rows(results).map((r) => [
    r.path,
    r.rate,
    r.p50,
    r.p99,
    r.ratio,
    r.target,
    r.verdict,
    r.errors,
    r.note,
  ]);
  const widths = HEAD.map((h, i) =>
    Math.min(60, Math.max(h.length, ...lines.map((l) => l[i].length))),
  );
  const line = (cells) => cells.map((c, i) => c.slice(0, 60).padEnd(widths[i])).join(' | ');
  console.log(`\n${line(HEAD)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const l of lines) console.log(line(l));
  for (const n of results.notes) console.log(`note: ${n}`);
}

export function renderMarkdown(results, settings) {
  const table = [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...rows(results).map(
      (r) =>
        `| ${[r.path, r.rate, r.p50, r.p99, r.ratio, r.target, r.verdict, r.errors, r.note].join(' | ')} |`,
    ),
  ].join('\n');
  return `# Benchmark results

Run on ${new Date().toISOString()} (${process.version}, ${settings.SECONDS} s a case, best of ${settings.ROUNDS} interleaved rounds, ${settings.CONNECTIONS} connections; ${fmt(results.seconds)} s in all).
Ratios compare a path with its baseline measured in the same run: absolute rates drift with the
machine, ratios do not. Latency chart: latest.png.

${table}
${results.notes.length ? `\nNotes:\n${results.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

/** p50 and p99 of every row with latencies, as horizontal bars (log scale), in a PNG. */
export function renderChart(results) {
  const data = results.cases.filter((r) => r.p50 !== undefined && r.p99 !== undefined);
  const rowH = 34;
  const left = 430;
  const width = 1000;
  const top = 50;
  const height = top + data.length * rowH + 50;
  const max = Math.max(1, ...data.map((d) => d.p99));
  const x = (ms) => left + ((width - left - 40) * Math.log10(1 + ms)) / Math.log10(1 + max);
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = data
    .map((d, i) => {
      const y = top + i * rowH;
      return `<text x="${left - 10}" y="${y + 20}" text-anchor="end" font-size="12">${esc(d.name.slice(0, 62))}</text>
<rect x="${left}" y="${y + 6}" width="${x(d.p99) - left}" height="20" fill="#f4a261"/>
<rect x="${left}" y="${y + 6}" width="${x(d.p50) - left}" height="20" fill="#2a9d8f"/>
<text x="${x(d.p99) + 6}" y="${y + 20}" font-size="11">${fmt(d.p50, 1)} / ${fmt(d.p99, 1)} ms</text>`;
    })
    .join('\n');
  const ticks = [1, 10, 100, 1000, 10_000]
    .filter((t) => t <= max * 1.5)
    .map(
      (t) =>
        `<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${height - 40}" stroke="#ddd"/><text x="${x(t)}" y="${height - 24}" font-size="11" text-anchor="middle">${t} ms</text>`,
    )
    .join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="20" y="28" font-size="16" font-weight="bold">Latency per path: p50 (green) and p99 (orange), log scale</text>
${ticks}
${bars}
</svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng();
}
