// A candidate's page: what each role sees, a refusal with its unmet requirements beside the form,
// a command's success shown at once, and an auditor's time travel.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, createUser, launchBrowser, newPage, seedCandidate, signIn,
  startConsole,
} from './harness.mjs';

const env = await startConsole();

describe('the candidate page', { skip: env.skip }, () => {
  let browser;
  let users;
  let ada;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    // Applied on 1 September 2018, accepted on 15 October 2018 (seedCandidate's dates).
    ada = await seedCandidate(env.server, 2019, 'Ada Lovelace', 'ada@scusd.example');
    await seedCandidate(env.server, 2019, 'Katherine Johnson', 'kj@scoe.example');
    users = {
      staff: await createUser(env, 'Sam Staff', 'staff'),
      instructor: await createUser(env, 'Ian Instructor', 'instructor'),
      auditor: await createUser(env, 'Alma Auditor', 'auditor'),
    };
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test("an instructor's candidate page has Requirements and Actions but no History", async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.instructor.token);
    await page.getByRole('navigation').getByRole('link', { name: 'Candidates' }).click();
    await page.getByLabel('Name or e-mail').fill('lovelace');
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Candidates' });
    await table.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await table.getByRole('link', { name: 'Katherine Johnson' }).waitFor({ state: 'detached' });
    await checkAccessibility(page, 'candidates');
    await table.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await page.getByRole('heading', { name: 'Requirements' }).waitFor();
    await page.getByRole('heading', { name: /Completion: not yet met/ }).waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Actions' }).isVisible());
    assert.ok(await page.getByRole('form', { name: 'Attendance' }).isVisible());
    assert.equal(await page.getByRole('form', { name: 'Certification' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'History' }).count(), 0);
    await checkAccessibility(page, "a candidate's page for an instructor");
    await page.context().close();
  });

  test('certifying too early shows the unmet requirements beside the form and keeps it', async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.staff.token);
    await page.goto(`/console/candidates/${ada}`);
    const form = page.getByRole('form', { name: 'Certification' });
    await form.getByLabel('Decision').selectOption('certify');
    await form.getByLabel('Reason').fill('commencement');
    await form.getByRole('button', { name: 'Record certification' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const said = await alert.innerText();
    assert.match(said, /Refused by the program rules/);
    assert.match(said, /Tuition paid in full/);
    assert.match(said, /Deliver the final presentation/);
    assert.equal(await form.getByLabel('Reason').inputValue(), 'commencement');
    assert.equal(await form.getByLabel('Decision').inputValue(), 'certify');
    await checkAccessibility(page, 'a refused certification');

    // A payment succeeds, says so, and the page shows the new balance at once.
    const payment = page.getByRole('form', { name: 'Payment' });
    await payment.getByLabel('Amount').fill('1000.00');
    await payment.getByLabel('Method').selectOption('check');
    await payment.getByLabel('Paid by').selectOption('self');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await payment.getByRole('status').getByText('Payment recorded for Ada Lovelace').waitFor();
    await page.getByText('$1,500.00').waitFor();
    await page.getByRole('table', { name: 'History' }).getByText('payment recorded').waitFor();
    await page.context().close();
  });

  test('an auditor walks the candidate back in time and comes back to now', async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.auditor.token);
    await page.goto(`/console/candidates/${ada}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const status = page.locator('dl.facts dd').first();
    await page.getByRole('table', { name: 'History' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Actions' }).count(), 0);
    assert.match(await status.innerText(), /Accepted/);
    await checkAccessibility(page, "a candidate's page for an auditor");
    await page.getByLabel('As of').fill('2018-10-01T12:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('region', { name: 'Time travel' }).getByText('This page shows the past').waitFor();
    await page.waitForURL(/as_of=2018-10-01T12%3A00%3A00-07%3A00/);
    await page.getByText('Applied', { exact: true }).waitFor();
    await checkAccessibility(page, "a candidate's page in the past");
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.getByText('Accepted', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Back to now' }).count(), 0);
    assert.equal(await page.getByLabel('As of').inputValue(), '');
    await page.context().close();
  });
});
