/**
 * A count with thousands separators, as `n.toLocaleString("en-US")` writes it ("1,234,567"), without
 * loading the ICU locale data: the first toLocaleString of a process costs tens of milliseconds, as much
 * as checking a small file. Anything but a safe integer goes to toLocaleString, so output never differs.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = digits.length > 3 ? "" : digits;
  if (digits.length > 3) {
    const head = digits.length % 3 || 3;
    out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}
