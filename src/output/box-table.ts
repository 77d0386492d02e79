/**
 * A terminal table drawn with box characters. Written here rather than taken from
 * cli-table3 because measurement showed cli-table3 needs about 34 ms to lay out the 53 NRW
 * Kreise (it measures every cell with a Unicode-width library), a third of the start-up
 * budget of `burden calc`; our cells are plain text whose width is their code-point count.
 */
export interface BoxTableOptions {
  head: string[];
  rows: string[][];
  /** Per column: right-align (numbers) or left-align (text). */
  alignRight?: boolean[];
  /** Per column: wrap longer cells at this width (prose such as sources). */
  wrap?: (number | null)[];
  /** How many rows at the end are totals, set off by a rule above them. */
  footerRows?: number;
  paint?: { head(text: string): string; border(text: string): string };
}

const width = (text: string): number => {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

/** Greedy word wrap; a word longer than the width is cut. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    let rest = word;
    while (width(rest) > max) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push([...rest].slice(0, max).join(''));
      rest = [...rest].slice(max).join('');
    }
    if (!line) line = rest;
    else if (width(line) + 1 + width(rest) <= max) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function boxTable(options: BoxTableOptions): string {
  const { head, rows } = options;
  const paintHead = options.paint?.head ?? ((t: string) => t);
  const paintBorder = options.paint?.border ?? ((t: string) => t);
  const cellLines = (row: string[]): string[][] =>
    head.map((_, i) => {
      const text = row[i] ?? '';
      const max = options.wrap?.[i];
      return max ? wrapText(text, max) : [text];
    });
  const all = [cellLines(head), ...rows.map(cellLines)];
  const widths = head.map((_, i) => Math.max(...all.map((cells) => Math.max(...(cells[i] ?? ['']).map(width)))));
  const rule = (left: string, mid: string, right: string): string =>
    paintBorder(`${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`);
  const render = (cells: string[][], isHead: boolean): string[] => {
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, i) => {
        const text = cells[i]?.[k] ?? '';
        const pad = ' '.repeat(w - width(text));
        const aligned = options.alignRight?.[i] ? pad + text : text + pad;
        return ` ${isHead ? paintHead(aligned) : aligned} `;
      });
      out.push(`${paintBorder('│')}${parts.join(paintBorder('│'))}${paintBorder('│')}`);
    }
    return out;
  };
  const lines = [rule('┌', '┬', '┐'), ...render(all[0] ?? [], true), rule('├', '┼', '┤')];
  const footerStart = rows.length - (options.footerRows ?? 0);
  all.slice(1).forEach((cells, index) => {
    if (index === footerStart && index > 0) lines.push(rule('├', '┼', '┤'));
    lines.push(...render(cells, false));
  });
  lines.push(rule('└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}
