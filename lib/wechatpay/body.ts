/** Cuts to at most maxBytes of UTF-8 without splitting a character (unifiedorder `body` is String(127), spec §4.1). */
export function truncateBody(s: string, maxBytes = 127): string {
  let bytes = 0;
  let end = 0;
  // for…of walks code points, so a surrogate pair is kept or dropped whole.
  for (const char of s) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return s.slice(0, end);
}
