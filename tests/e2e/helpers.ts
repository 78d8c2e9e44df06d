import { longRun as longRunOf } from '../shared/longRun';
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
    await stepsRun(page);
    return;
  }
  const command = page.getByLabel('Command');
  await command.pressSequentially(line, { delay: 0 });
  await command.press('Enter');
  await stepsRun(page);
}

/**
 * The drill echoes an entered line at once and runs its step after the next paint: waits until no
 * log is busy, i.e. the output is on the page (a slow step, a dump on a loaded machine, takes a while).
 */
export async function stepsRun(page: Page) {
  await expect(page.locator('[role="log"][aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

/** The `#run=` link that carries these lines (`chat: ` lines go to chat), as the app's "Copy share link" makes it. */
export function shareLinkTo(lines: readonly string[], id: string): string {
  const version = (JSON.parse(readFileSync('scenarios/mysql-wipe.json', 'utf8')) as { version: number }).version;
  const at = (i: number) => new Date(Date.parse('2026-03-02T14:00:00.000Z') + i * 1000).toISOString();
  const run = {
    kind: 'outage-drill/run',
    format: 5,
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

/** A long run of `total` steps on the seed's path (tests/shared/longRun.ts). */
export const longRun = (total: number): string[] => longRunOf(scenario.referencePath, total);

/** Starts the drill as `name` and types the seed's whole path: the site is back. */
export async function playSeedToTheEnd(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel(/your name/i).fill(name);
  await page.getByRole('button', { name: /start the drill/i }).click();
  for (const line of scenario.referencePath) await typeCommand(page, line);
  await expect(page.getByRole('heading', { level: 1, name: 'The site is back' })).toBeVisible();
}
