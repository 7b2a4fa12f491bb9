/** Markdown helpers for the generated reference pages. */

/** A cell's text: pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The first lines of every generated page. */
export function generatedHeader(title: string, source: string): string {
  return `# ${title}\n\n<!-- Generated from ${source} by \`npm run docs\`; edit the source, not this page. -->\n`;
}
