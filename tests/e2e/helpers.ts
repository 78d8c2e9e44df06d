import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const scenario = JSON.parse(readFileSync('scenarios/mysql-wipe.json', 'utf8')) as { title: string; referencePath: string[] };

/** Zero axe violations against WCAG 2.0/2.1/2.2 A and AA. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Collects console errors and CSP violations for the whole test. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

/** Types a line the way a person does: into the Command box, then Enter. */
export async function typeCommand(page: Page, line: string) {
  if (line.startsWith('chat: ')) {
    const box = page.getByLabel('Message to Sami');
    await box.pressSequentially(line.slice(6), { delay: 0 });
    await box.press('Enter');
    return;
  }
  const command = page.getByLabel('Command');
  await command.pressSequentially(line, { delay: 0 });
  await command.press('Enter');
}

/** The `#run=` link that carries these lines (`chat: ` lines go to chat), as the app's "Copy share link" makes it. */
export function shareLinkTo(lines: readonly string[], id: string): string {
  const version = (JSON.parse(readFileSync('scenarios/mysql-wipe.json', 'utf8')) as { version: number }).version;
  const at = (i: number) => new Date(Date.parse('2026-03-02T14:00:00.000Z') + i * 1000).toISOString();
  const run = {
    kind: 'outage-drill/run',
    format: 2,
    id,
    scenario: { id: 'mysql-wipe', version },
    startedAt: at(0),
    inputs: lines.map((line, i) =>
      line.startsWith('chat: ')
        ? { channel: 'chat', text: line.slice(6), at: at(i + 1), via: 'typed' }
        : { channel: 'terminal', text: line, at: at(i + 1), via: 'typed' },
    ),
  };
  return `/#run=${deflateRawSync(Buffer.from(`${JSON.stringify(run, null, 2)}\n`)).toString('base64url')}`;
}

/**
 * A long run: the seed's path with look-around commands typed at the shell between its steps
 * (never inside the MySQL client, never after the last step), `total` steps in all.
 */
export function longRun(total: number): string[] {
  const seed = scenario.referencePath;
  const filler = ['pwd', 'ls', 'echo still looking', 'whoami', 'date', 'hostname', 'cd', 'uptime'];
  const atShell = seed.map((_, i) => i).filter((i) => i < seed.length - 1 && !/^mysql -u|^SELECT/.test(seed[i]!));
  const extra = total - seed.length;
  const lines: string[] = [];
  seed.forEach((line, i) => {
    lines.push(line);
    const slot = atShell.indexOf(i);
    if (slot === -1) return;
    const count = Math.floor(extra / atShell.length) + (slot < extra % atShell.length ? 1 : 0);
    for (let j = 0; j < count; j += 1) lines.push(filler[(i + j) % filler.length]!);
  });
  return lines;
}
