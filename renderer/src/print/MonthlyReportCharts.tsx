/**
 * Bar charts for paper, drawn as plain SVG: they print the same in every PDF engine, need no
 * measuring of the page and load nothing. Each names its axes, carries a legend of its series
 * and writes every value above its bar, so a black-and-white copy still reads.
 */

interface BarSeries {
  label: string;
  values: readonly number[];
  /** Fill: the series differ in tone too, so a grey copy still tells them apart. */
  colour: string;
}

/** A round step for the value axis: 1, 2, 5 × 10ⁿ (at least 1), about five ticks to the top. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  // Visits and yuan are counted whole: no axis of 0.5 visits.
  return Math.max(1, step);
}

/*
 * The drawing's own units are CSS pixels at the size it prints (half the A4 text width), so a
 * 10-unit label prints at about 7.5 pt.
 */
const WIDTH = 340;
const FONT = 10;

export function GroupedBarChart(props: {
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  xLabel: string;
  yLabel: string;
  format?: (value: number) => string;
  height?: number;
  testId?: string;
}) {
  const format = props.format ?? ((v: number) => String(v));
  const height = props.height ?? 200;
  const left = 46;
  const right = 6;
  const top = 28;
  // Long category names (officers) are slanted; short ones (weeks) stay level.
  const slant = props.categories.some((c) => c.length > 4) || props.categories.length > 6;
  const bottom = slant ? 58 : 38;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...props.series.flatMap((s) => s.values));
  const step = niceStep(max);
  // Room above the tallest bar for its value: the axis ends a step above a bar that meets it.
  const ceiling = Math.max(step, Math.ceil(max / step) * step);
  const top1 = ceiling === max ? ceiling + step : ceiling;
  const ticks = Array.from({ length: Math.round(top1 / step) + 1 }, (_, i) => i * step);
  const y = (v: number) => top + plotH - (v / top1) * plotH;
  const band = props.categories.length > 0 ? plotW / props.categories.length : plotW;
  const barW = Math.min(22, (band * 0.75) / Math.max(1, props.series.length));
  const groupW = barW * props.series.length;
  return (
    <figure className="mr-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={props.title}
        fontSize={FONT}
      >
        {/* Legend, top right. */}
        <g data-part="legend">
          {props.series.map((s, i) => {
            const x = WIDTH - right - (props.series.length - i) * 80;
            return (
              <g key={s.label} transform={`translate(${x}, 8)`}>
                <rect width="12" height="12" fill={s.colour} stroke="#333" strokeWidth="0.5" />
                <text x="17" y="10">
                  {s.label}
                </text>
              </g>
            );
          })}
        </g>
        {/* Value axis with its grid and name. */}
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={WIDTH - right} y1={y(v)} y2={y(v)} stroke="#ddd" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end">
              {format(v)}
            </text>
          </g>
        ))}
        <text
          transform={`translate(11, ${top + plotH / 2}) rotate(-90)`}
          textAnchor="middle"
          data-part="y-label"
        >
          {props.yLabel}
        </text>
        <line x1={left} x2={left} y1={top} y2={top + plotH} stroke="#333" />
        <line x1={left} x2={WIDTH - right} y1={top + plotH} y2={top + plotH} stroke="#333" />
        {/* Bars, grouped by category, each with its value. */}
        {props.categories.map((category, c) => {
          const x0 = left + band * c + (band - groupW) / 2;
          const cx = left + band * c + band / 2;
          return (
            <g key={`${category}-${c}`} data-category={category}>
              {props.series.map((s, i) => {
                const v = s.values[c] ?? 0;
                return (
                  <g key={s.label}>
                    <rect
                      x={x0 + i * barW}
                      y={y(v)}
                      width={barW - 2}
                      height={Math.max(0, top + plotH - y(v))}
                      fill={s.colour}
                      stroke="#333"
                      strokeWidth="0.4"
                    />
                    <text
                      x={x0 + i * barW + (barW - 2) / 2}
                      y={y(v) - 3}
                      textAnchor="middle"
                      fontSize={FONT - 2}
                    >
                      {format(v)}
                    </text>
                  </g>
                );
              })}
              <text
                x={cx}
                y={top + plotH + 13}
                textAnchor={slant ? 'end' : 'middle'}
                transform={slant ? `rotate(-30, ${cx}, ${top + plotH + 13})` : undefined}
              >
                {category}
              </text>
            </g>
          );
        })}
        <text x={left + plotW / 2} y={height - 4} textAnchor="middle" data-part="x-label">
          {props.xLabel}
        </text>
      </svg>
    </figure>
  );
}

/** Counts as horizontal bars, one line per category, the count at the end of each bar. */
export function HorizontalBars(props: {
  title: string;
  rows: readonly { label: string; value: number }[];
  valueLabel: string;
  colour: string;
}) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const rowH = 16;
  const left = 90;
  const height = props.rows.length * rowH + 34;
  const plotW = WIDTH - left - 30;
  return (
    <figure className="mr-chart">
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={props.title}
        fontSize={FONT}
      >
        {props.rows.map((r, i) => (
          <g key={r.label} transform={`translate(0, ${i * rowH + 4})`}>
            <text x={left - 6} y={12} textAnchor="end">
              {r.label}
            </text>
            <rect
              x={left}
              y={2}
              width={(r.value / max) * plotW}
              height={rowH - 6}
              fill={props.colour}
              stroke="#333"
              strokeWidth="0.4"
            />
            <text x={left + (r.value / max) * plotW + 4} y={12}>
              {r.value}
            </text>
          </g>
        ))}
        <line
          x1={left}
          x2={left}
          y1={2}
          y2={props.rows.length * rowH + 4}
          stroke="#333"
          strokeWidth="0.6"
        />
        <text x={left + plotW / 2} y={height - 6} textAnchor="middle" data-part="x-label">
          {props.valueLabel}
        </text>
      </svg>
    </figure>
  );
}
