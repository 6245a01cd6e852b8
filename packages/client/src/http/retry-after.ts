/**
 * Reads `Retry-After` as milliseconds to wait: either delay-seconds (`120`, `1.5`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, measured against the injected clock). Undefined when absent
 * or unreadable. @internal
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
