/** Small helpers shared by the SVG and HTML writers. */

/** Text for XML/HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A coordinate rounded to one decimal, without trailing zeros ("12.5", "3", "-0.4"). */
export function n1(value: number): string {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Splits text into lines of at most `width` characters at spaces (a word longer than that keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** An id safe for SVG/HTML from free text, for ids that must be unique within one page. */
export function idSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
