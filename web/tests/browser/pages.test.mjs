// The administrator's other pages: each opens, passes axe-core, and does its main thing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, kAdminToken, launchBrowser, navigationLinks, newPage,
  seedCandidate, seedMentor, settled, signIn, startConsole,
} from './harness.mjs';

const env = await startConsole();

describe("the administrator's pages", { skip: env.skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    await seedCandidate(env.server, 2019, 'Ada Lovelace', 'ada@scusd.example');
    await seedMentor(env.server, 'Grace Hopper', 'grace@egusd.example');
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('every page of the navigation opens and passes axe-core', async () => {
    const page = await newPage(browser, env);
    await signIn(page, kAdminToken);
    const links = await navigationLinks(page);
    assert.deepEqual(links, [
      'Cohorts', 'Candidates', 'Mentors', 'Certificates', 'Reminders', 'Reports', 'Rule sets',
      'Ledger', 'Imports', 'Users',
    ]);
    for (const name of links) {
      await page.getByRole('navigation').getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
      await checkAccessibility(page, name);
    }
    await page.context().close();
  });

  test('the ledger verifies, the report shows its figures, a user is created with its token shown once', async () => {
    const page = await newPage(browser, env);
    await signIn(page, kAdminToken);
    await page.goto('/console/ledger');
    await page.getByRole('button', { name: 'Verify ledger' }).click();
    await page.getByRole('status').getByText('The ledger is intact').waitFor();

    await page.goto('/console/reports');
    await page.getByRole('table', { name: 'Report by cohort' }).getByRole('rowheader', { name: '2019' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Download CSV' }).isVisible());

    await page.goto('/console/rulesets');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await page.getByRole('status').getByText('Impact previewed').waitFor();
    await checkAccessibility(page, 'a rule set impact');

    await page.goto('/console/users');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Name').fill('Nina New');
    await form.getByLabel('Role').selectOption('auditor');
    await form.getByRole('button', { name: 'Create user' }).click();
    const token = page.getByRole('region', { name: 'New token' }).locator('code');
    await token.waitFor();
    assert.match(await token.innerText(), /^[0-9a-f]{32,}$/);
    await page.getByRole('table', { name: 'Users' }).getByRole('rowheader', { name: 'Nina New' }).waitFor();
    await checkAccessibility(page, 'users with a new token');
    await page.context().close();
  });

  test('reminders list what needs doing and Calendar feed shows the secret URL', async () => {
    const page = await newPage(browser, env);
    await signIn(page, kAdminToken);
    await page.goto('/console/reminders');
    await page.getByRole('table', { name: 'Reminders' }).waitFor();
    await page.getByRole('button', { name: 'Calendar feed' }).click();
    const url = page.getByRole('status').locator('code');
    await url.waitFor();
    assert.match(await url.innerText(), /\/v1\/feeds\/[0-9a-f]{64}\/reminders\.ics$/);
    await page.context().close();
  });
});
