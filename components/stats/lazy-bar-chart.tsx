"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { StatsBarChart } from "./bar-chart";
import { chartHeight } from "./chart-height";

// recharts is ~110 KB gzip: the figures and tables render at once, the pictures load after.
const Chart = dynamic(() => import("./bar-chart").then((m) => m.StatsBarChart), { ssr: false });

/** StatsBarChart, loaded after the page; its box is reserved so nothing shifts when it arrives. */
export function LazyStatsBarChart(props: ComponentProps<typeof StatsBarChart>) {
  const height = chartHeight({ ...props, rows: props.data.length });
  return (
    <div style={{ minHeight: height }}>
      <Chart {...props} />
    </div>
  );
}
