/** Shell quoting for the curls the banner prints. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What every section of the banner is given. */
export interface BannerContext {
  readonly url: string;
  /** The `-H` argument a control-API curl needs (empty without an admin token). */
  readonly adminHeader: string;
}
