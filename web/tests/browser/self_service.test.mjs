// What candidates and mentors do themselves: a CEU logged and the credential and certificate
// downloaded on My progress; a mentor's own candidates, a meeting logged, and another mentor's
// candidate refused; and the public verification page anyone opens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, createUser, launchBrowser, newPage, seedCandidate,
  seedCertified, seedMentor, signIn, startConsole, todayInProgramZone,
} from './harness.mjs';

const env = await startConsole();

describe('self-service', { skip: env.skip }, () => {
  let browser;
  let users;
  let other;
  let katherineId;
  let adaId;
  before(async () => {
    browser = await launchBrowser();
    // Certified last November, so today falls in the first certification cycle.
    const year = new Date().getUTCFullYear() - 1;
    await env.server.api('POST', '/v1/cohorts', cohortBody(year));
    const grace = await seedMentor(env.server, 'Grace Hopper', 'grace@egusd.example');
    const mary = await seedMentor(env.server, 'Mary Jackson', 'mary@scoe.example');
    const ada = await seedCandidate(env.server, year, 'Ada Lovelace', 'ada@scusd.example');
    await seedCertified(env.server, year, ada, grace);
    adaId = ada;
    // Katherine is still in the program, so her mentor can still log meetings with her.
    katherineId = await seedCandidate(env.server, year, 'Katherine Johnson', 'kj@scoe.example');
    await env.server.api('POST', `/v1/candidates/${katherineId}/mentor`, {
      mentor_id: grace,
      occurred_at: `${year - 1}-11-01T09:00:00-07:00`,
    });
    other = await seedCandidate(env.server, year, 'Annie Easley', 'annie@district.example');
    await env.server.api('POST', `/v1/candidates/${other}/mentor`, {
      mentor_id: mary,
      occurred_at: `${year - 1}-11-01T09:00:00-07:00`,
    });
    users = {
      ada: await createUser(env, 'Ada Lovelace', 'candidate', { candidate_id: ada }),
      grace: await createUser(env, 'Grace Hopper', 'mentor', { mentor_id: grace }),
    };
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('a candidate logs a CEU of 7.5 contact hours and sees 0.75', async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.ada.token);
    await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
    await page.getByRole('heading', { name: 'Requirements' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download credential' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Download certificate (PDF)' }).isVisible());
    // The links download with the session cookie, as the browser would.
    const download = async (name) => {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, `${name}: ${href}`);
      return response.headers()['content-type'];
    };
    assert.equal(await download('Download credential'), 'application/vc+jwt');
    assert.equal(await download('Download certificate (PDF)'), 'application/pdf');
    await checkAccessibility(page, 'my-progress');
    const form = page.getByRole('form', { name: 'Continuing education (CEU)' });
    await form.getByLabel('Activity').fill('CETPA Annual Conference');
    await form.getByLabel('Provider').fill('CETPA');
    await form.getByLabel('Completed on').fill(todayInProgramZone());
    await form.getByLabel('Contact hours').fill('7.5');
    await form.getByRole('button', { name: 'Log CEU' }).click();
    await form.getByRole('status').getByText('recorded for Ada Lovelace').waitFor();
    await page.getByText('CEUs in this cycle: 0.75').waitFor();
    await page.context().close();
  });

  test("a mentor logs a meeting with their candidate and cannot open another mentor's", async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.grace.token);
    await page.getByRole('heading', { level: 1, name: 'My candidates' }).waitFor();
    const ada = page.getByRole('region', { name: 'Ada Lovelace' });
    await ada.getByRole('heading', { name: /Certification: met/ }).waitFor();
    await checkAccessibility(page, 'my-candidates');
    const katherine = page.getByRole('region', { name: 'Katherine Johnson' });
    await katherine.getByRole('heading', { name: /Completion: not yet met/ }).waitFor();
    const form = katherine.getByRole('form', { name: 'Log meeting' });
    await form.getByLabel('Kind of meeting').selectOption('check_in');
    await form.getByLabel('Mode').selectOption('video');
    await form.getByLabel('Held on').fill(todayInProgramZone());
    await form.getByRole('button', { name: 'Log meeting' }).click();
    await form.getByRole('status').getByText('Log meeting recorded for Katherine Johnson').waitFor();
    const view = await env.server.api('GET', `/v1/candidates/${katherineId}`);
    assert.equal(view.meetings.check_in, 1);

    await page.goto(`/console/candidates/${other}`);
    await page.getByRole('alert').getByText('Not allowed').waitFor();
    const status = await page.evaluate(async (id) => (await fetch(`/v1/candidates/${id}`)).status, other);
    assert.equal(status, 403);
    await checkAccessibility(page, "another mentor's candidate");
    await page.context().close();
  });

  test('anyone opens the verification page: no script, no CSP violation, accessible', async () => {
    const { certification } = await env.server.api('GET', `/v1/candidates/${adaId}`);
    const number = certification.certificate;
    // Under the page's own CSP: a stylesheet or script it may not load would be a console error.
    const page = await newPage(browser, env, { bypassCSP: false });
    await page.goto(`/verify/${number}`);
    await page.getByRole('heading', { level: 1, name: `Certificate ${number}` }).waitFor();
    await page.getByText('Ada Lovelace').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download credential' }).isVisible());
    const linkedIn = await page.getByRole('link', { name: 'Add to LinkedIn' }).getAttribute('href');
    assert.match(linkedIn, /^https:\/\/www\.linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME&/);
    assert.equal(await page.locator('script').count(), 0);
    const styled = await page.locator('.status').evaluate((element) => getComputedStyle(element).borderRadius);
    assert.notEqual(styled, '0px', 'the stylesheet applies');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
    const checked = await newPage(browser, env);
    await checked.goto(`/verify/${number}`);
    await checkAccessibility(checked, 'verify page');
    await checked.goto('/verify/CCTO-1999-0000');
    await checked.getByRole('heading', { level: 1, name: 'No such certificate' }).waitFor();
    await checked.context().close();
  });
});
