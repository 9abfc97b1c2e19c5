/**
 * Driving "Import from CRM" step by step in the browser tests: open the dialog, go on to a step,
 * hand it a CSV file.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the import dialog (through the header's menu where the header has one). */
export async function openImport(page: Page): Promise<void> {
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('button', { name: 'Import from CRM' }).click();
  await page.locator('dialog.crm-dialog[open]').waitFor({ timeout: 30_000 });
}

/**
 * Goes on to step `label`. Next pressed while the dialog is still reading the columns or fitting
 * goes on by itself once that is done, which on a loaded machine can take seconds: the poll waits
 * for the step to change, and on failure says where the dialog is and what it says.
 */
export async function nextStep(page: Page, label: string): Promise<void> {
  const button = page.locator('dialog.crm-dialog').getByRole('button', { name: `Next: ${label}` });
  const reached = page.locator('.crm-step[aria-current="step"]', { hasText: label });
  await button.click();
  await expect
    .poll(
      async () => {
        if ((await reached.count()) > 0) return 'reached';
        const error = page.locator('.crm-step-error');
        const refusal = (await error.count()) > 0 ? await error.textContent() : null;
        const current = await page.locator('.crm-step[aria-current="step"]').textContent();
        return `still on ${current}: ${refusal ?? 'no message'}`;
      },
      { timeout: 120_000, interval: 300 },
    )
    .toBe('reached');
}

/** A CSV file for `setInputFiles`. */
export function csvFile(name: string, body: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(body) };
}
