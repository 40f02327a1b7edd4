/**
 * Small hand-drawn SVG charts. Each is a figure whose picture is hidden from screen readers and
 * whose data is also given as text (a caption and a list or table), so nothing is only visual.
 */
import { type ReactNode, useId } from "react";

export type Bar = { readonly label: string; readonly value: number };

/** Horizontal bars, each under its label, in the order given; the numbers are printed beside each bar. */
export function BarChart({
  title,
  bars,
  unit,
}: {
  title: string;
  bars: readonly Bar[];
  unit: string;
}): ReactNode {
  const captionId = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  // Drawn at about the size it is shown in a card, so its 12px labels stay readable.
  const rowHeight = 36;
  const width = 280;
  const barSpace = width - 40;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${bars.length * rowHeight}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
        className="bar-chart"
      >
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${i * rowHeight})`}>
            <text x={0} y={12} className="chart-label">
              {bar.label}
            </text>
            <rect x={0} y={17} height={12} width={Math.max(2, (bar.value / max) * barSpace)} rx={2} />
            <text x={(bar.value / max) * barSpace + 6} y={28} className="chart-value">
              {bar.value}
            </text>
          </g>
        ))}
      </svg>
      <ul className="visually-hidden">
        {bars.map((bar) => (
          <li key={bar.label}>
            {bar.label}: {bar.value} {unit}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A tiny line of values over time, with its text summary beside it. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }): ReactNode {
  const width = 120;
  const height = 28;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
  );
  return (
    <span className="sparkline">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        aria-hidden="true"
        focusable="false"
      >
        <polyline points={points.join(" ")} fill="none" strokeWidth={2} />
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export type TimelineItem = {
  readonly date: string;
  readonly label: string;
  /** overdue, due-soon, upcoming, met or assessment: the mark's colour and shape. */
  readonly tone: string;
};

const day = 86_400_000;

/**
 * Dated items on one axis from `from` to `to`: marks differ in shape as well as colour, and the
 * items are listed as text below for readers who cannot see the picture.
 */
export function Timeline({
  title,
  items,
  from,
  to,
}: {
  title: string;
  items: readonly TimelineItem[];
  from: string;
  to: string;
}): ReactNode {
  const captionId = useId();
  const start = Date.parse(from);
  const span = Math.max(day, Date.parse(to) - start);
  const width = 720;
  const x = (date: string) => 20 + ((Date.parse(date.slice(0, 10)) - start) / span) * (width - 40);
  const shown = items.filter((item) => {
    const at = Date.parse(item.date.slice(0, 10));
    return at >= start && at <= start + span;
  });
  const months = monthStarts(from, to);
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} 70`} width="100%" aria-hidden="true" focusable="false" className="timeline">
        <line x1={20} x2={width - 20} y1={35} y2={35} className="axis" />
        {months.map((month, i) => (
          <g key={month}>
            <line x1={x(month)} x2={x(month)} y1={30} y2={40} className="axis" />
            {/* Every other month is labelled, so a year's labels never overlap. */}
            {i % 2 === 0 && (
              <text x={x(month)} y={58} textAnchor="middle" className="chart-label">
                {month.slice(0, 7)}
              </text>
            )}
          </g>
        ))}
        {shown.map((item, i) =>
          // Two deadlines can share a day and a title (one per system); the marks never reorder.
          item.tone === "assessment" ? (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={`${item.date}-${i}`}
              x={x(item.date) - 5}
              y={12}
              width={10}
              height={10}
              className={item.tone}
            />
          ) : (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={`${item.date}-${i}`}
              cx={x(item.date)}
              cy={35}
              r={item.tone === "overdue" ? 7 : 5}
              className={item.tone}
            />
          ),
        )}
      </svg>
      <p className="visually-hidden">
        {shown.length} dated items between {from} and {to}; they are listed in the table below.
      </p>
    </figure>
  );
}

function monthStarts(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  while (cursor.toISOString().slice(0, 10) <= to && months.length < 24) {
    months.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}
