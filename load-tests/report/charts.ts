import { Resvg } from '@resvg/resvg-js';

export interface Series {
  name: string;
  points: [number, number][];
}

export interface ChartSpec {
  file: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** A dashed line at the target. */
  hline?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * exp) return step * exp;
  return 10 * exp;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A plain SVG line chart (no browser, no native canvas). */
export function chartSvg({ title, xLabel, yLabel, series, hline }: ChartSpec): string {
  const W = 900;
  const H = 480;
  const m = { l: 80, r: 200, t: 50, b: 60 };
  const all = series.flatMap((s) => s.points);
  const xMax = niceMax(Math.max(1, ...all.map((p) => p[0])));
  const yMax = niceMax(Math.max(1, hline ?? 0, ...all.map((p) => p[1])));
  const x = (v: number) => m.l + (v / xMax) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - m.r / 2}" y="28" font-size="18" text-anchor="middle">${escape(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const yv = (yMax * i) / 5;
    const xv = (xMax * i) / 5;
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${y(yv)}" y2="${y(yv)}" stroke="#ddd"/>`,
      `<text x="${m.l - 8}" y="${y(yv) + 4}" font-size="12" text-anchor="end">${+yv.toFixed(2)}</text>`,
      `<text x="${x(xv)}" y="${H - m.b + 18}" font-size="12" text-anchor="middle">${+xv.toFixed(1)}</text>`,
    );
  }
  parts.push(
    `<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="black"/>`,
    `<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="black"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 15}" font-size="14" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text transform="translate(20 ${(m.t + H - m.b) / 2}) rotate(-90)" font-size="14" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  if (hline !== undefined) {
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${y(hline)}" y2="${y(hline)}" stroke="#999" stroke-dasharray="6 4"/>`,
      `<text x="${W - m.r - 4}" y="${y(hline) - 6}" font-size="12" text-anchor="end" fill="#666">target ${hline}</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p[0]).toFixed(1)} ${y(p[1]).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${x(p[0])}" cy="${y(p[1])}" r="2.5" fill="${color}"/>`);
    parts.push(
      `<rect x="${W - m.r + 15}" y="${m.t + i * 22}" width="14" height="4" fill="${color}"/>`,
      `<text x="${W - m.r + 35}" y="${m.t + i * 22 + 6}" font-size="12">${escape(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The chart as PNG, drawn by resvg with the system's fonts. */
export function chartPng(spec: ChartSpec): Buffer {
  return new Resvg(chartSvg(spec), { font: { loadSystemFonts: true } }).render().asPng();
}
