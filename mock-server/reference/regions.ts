/**
 * Generated regions inside hand-written pages: text between `<!-- generated:<name> -->` and
 * `<!-- /generated:<name> -->`, rewritten by `npm run docs` and checked by a test, so that what a
 * page shows of the product (the banner of the default world) cannot go stale.
 */
import { buildDefaultWorld } from '../../fixtures/default-world';
import { renderBanner } from '../banner';
import { DEFAULT_SEED } from '../options';
import { DEFAULT_HOST, DEFAULT_PORT } from '../server';
import { VERSION } from '../version';

export interface Region {
  readonly file: string;
  readonly name: string;
  readonly text: string;
}

/** The banner `npm start` prints with the default seed and port (the times of the world do not show in it). */
export function defaultBanner(): string {
  return renderBanner({
    url: `http://${DEFAULT_HOST}:${DEFAULT_PORT}`,
    version: VERSION,
    world: buildDefaultWorld({ seed: DEFAULT_SEED, now: new Date('2026-01-01T12:00:00.000Z') }),
    strict: false,
    seed: DEFAULT_SEED,
  });
}

export function referenceRegions(): Region[] {
  return [{ file: 'README.md', name: 'banner', text: `\`\`\`text\n${defaultBanner().trimEnd()}\n\`\`\`` }];
}

const marks = (name: string): [string, string] => [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`];

/** The text of a file with one region replaced (the marks kept). */
export function withRegion(content: string, region: Region): string {
  const [open, close] = marks(region.name);
  const start = content.indexOf(open);
  const end = content.indexOf(close);
  if (start === -1 || end === -1 || end < start) throw new Error(`${region.file} has no ${open} … ${close} region`);
  // Blank lines around the text, as Prettier wants them in Markdown.
  return `${content.slice(0, start + open.length)}\n\n${region.text}\n\n${content.slice(end)}`;
}

/** The region's current text in a file. */
export function regionText(content: string, name: string): string | undefined {
  const [open, close] = marks(name);
  const start = content.indexOf(open);
  const end = content.indexOf(close);
  return start === -1 || end === -1 ? undefined : content.slice(start + open.length, end).trim();
}
