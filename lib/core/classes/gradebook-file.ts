/*
 * The gradebook's file name in a Content-Disposition header: an ASCII `filename` for old
 * clients (anything outside printable ASCII, quotes, backslashes and path separators become
 * "_") and the exact name in RFC 5987's `filename*` (UTF-8, percent-encoded), which browsers
 * prefer, so "10 Б класс" downloads as "10 Б класс — gradebook.csv".
 */

/** "<class name> — gradebook <date>.csv"; the name's path and control characters dropped. */
export function gradebookFileName(className: string, date: string): string {
  const safe = className
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return `${safe || "class"} — gradebook ${date}.csv`;
}

/** RFC 5987 encoding: percent-encode all but attr-chars. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="ASCII fallback"; filename*=UTF-8''exact` */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
