import { readFileSync } from 'node:fs';
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
