/** Height of a bar chart: horizontal charts grow with their rows (one per aspect or concept). */
export function chartHeight(options: { rows: number; horizontal?: boolean; height?: number }) {
  const height = options.height ?? 220;
  return options.horizontal ? Math.max(height, options.rows * 30 + 40) : height;
}
