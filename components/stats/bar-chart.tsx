"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { chartHeight } from "./chart-height";

export interface BarDatum {
  label: string;
  value: number;
}

/**
 * A responsive bar chart. It is a picture of a table shown next to it (in <details>), so it is
 * hidden from assistive technology and out of the tab order; colours come from the CSS
 * variables (see .stats-chart in globals.css), so dark mode follows the page.
 */
export function StatsBarChart({
  data,
  valueName,
  percent = false,
  horizontal = false,
  height = 220,
}: {
  data: BarDatum[];
  valueName: string;
  /** Values are shares 0–100. */
  percent?: boolean;
  /** Bars run left to right, one row per label (long labels such as aspect names). */
  horizontal?: boolean;
  height?: number;
}) {
  const format = (value: unknown) => (percent ? `${String(value)}%` : String(value));
  const tooltip = (
    <Tooltip
      formatter={(value) => [format(value), valueName]}
      contentStyle={{
        background: "var(--surface)",
        border: "1px solid var(--border)",
        borderRadius: 8,
        color: "var(--text)",
      }}
      labelStyle={{ color: "var(--text)" }}
      itemStyle={{ color: "var(--text)" }}
      cursor={{ fill: "var(--border)", fillOpacity: 0.4 }}
    />
  );
  return (
    <div className="stats-chart" aria-hidden="true">
      {horizontal ? (
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          style={{ width: "100%", height: chartHeight({ rows: data.length, horizontal, height }) }}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid horizontal={false} />
          <XAxis
            type="number"
            domain={percent ? [0, 100] : [0, "auto"]}
            allowDecimals={false}
            tickFormatter={format}
          />
          <YAxis type="category" dataKey="label" width={130} interval={0} />
          {tooltip}
          <Bar dataKey="value" name={valueName} isAnimationActive={false} />
        </BarChart>
      ) : (
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          style={{ width: "100%", height }}
          margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} />
          <YAxis allowDecimals={false} width={36} tickFormatter={format} />
          {tooltip}
          <Bar dataKey="value" name={valueName} isAnimationActive={false} />
        </BarChart>
      )}
    </div>
  );
}
