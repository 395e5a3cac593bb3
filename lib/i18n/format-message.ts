/** Fills "{name}" placeholders of a message: formatMessage("{n} days", { n: 3 }) → "3 days". */
export function formatMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
