/** README.md's "In the browser" section: its examples and its size budget, as the tests use them. */
import { readFileSync } from 'node:fs';
import { ROOT } from './bundle.js';

/** The service URL the README's examples use (the project's DaCHS); tests point it elsewhere. */
export const README_TAP_URL = 'http://127.0.0.1:8080/tap';

export function browserSection(): string {
  const text = readFileSync(`${ROOT}README.md`, 'utf8');
  const start = text.indexOf('\n## In the browser\n');
  if (start < 0) throw new Error('README.md has no "## In the browser" section');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

export function codeBlock(section: string, lang: string): string {
  const m = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'm').exec(section);
  if (m === null) throw new Error(`README's browser section has no \`\`\`${lang} block`);
  return m[1]!;
}

/** The budget table's rows: the first cell and the budget in bytes (KB = 1000 bytes). */
export function sizeBudget(section: string): { core: number; whole: number } {
  const kb = (label: RegExp): number => {
    const m = new RegExp(`^\\| ${label.source}[^|]*\\| (\\d+) KB \\|`, 'm').exec(section);
    if (m === null) throw new Error(`README's size budget has no row matching ${label}`);
    return Number(m[1]) * 1000;
  };
  return { core: kb(/`parse`, `validate`, `queryBuilder`, `adql`/), whole: kb(/the whole browser entry/) };
}
