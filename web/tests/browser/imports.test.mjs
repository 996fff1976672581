// The Imports page: a small attendance file checked (a dry run that records nothing) and then
// imported, each refused row listed with its number, code and why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, kAdminToken, launchBrowser, newPage, seedCandidate, signIn,
  startConsole,
} from './harness.mjs';

const env = await startConsole();

describe('imports', { skip: env.skip }, () => {
  let browser;
  let candidate;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2018));
    candidate = await seedCandidate(env.server, 2018, 'Ada Lovelace', 'ada@scusd.example');
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('Check file records nothing, Import records the accepted rows', async () => {
    const csv =
      'occurred_at,candidate,session,status\r\n' +
      '2018-02-02T12:00:00-08:00,ada@scusd.example,0,present\r\n' +
      '2018-02-02T12:00:00-08:00,ada@scusd.example,12,present\r\n';
    const page = await newPage(browser, env);
    await signIn(page, kAdminToken);
    await page.goto('/console/imports');
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('attendance');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'attendance.csv', mimeType: 'text/csv', buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('status')
      .getByText('Checked 2 rows: 1 would be accepted, 1 refused. Nothing was recorded.').waitFor();
    const checked = page.getByRole('table', { name: 'Rows refused by the check' });
    await checked.getByRole('row', { name: /2 unknown_session/ }).waitFor();
    await checkAccessibility(page, 'imports');
    let view = await env.server.api('GET', `/v1/candidates/${candidate}`);
    assert.equal(Object.keys(view.attendance ?? {}).length, 0);

    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status')
      .getByText('Imported: 1 of 2 rows accepted, 1 recorded now, 1 refused.').waitFor();
    await page.getByRole('table', { name: 'Rows refused by the import' })
      .getByRole('row', { name: /2 unknown_session/ }).waitFor();
    view = await env.server.api('GET', `/v1/candidates/${candidate}`);
    assert.equal(Object.keys(view.attendance ?? {}).length, 1);
    await page.context().close();
  });
});
