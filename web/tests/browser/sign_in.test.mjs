// Sign-in, sign-out and the navigation each role gets; the browser holds no token and a
// cookie-authenticated write without the CSRF header is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, createUser, kAdminToken, launchBrowser, navigationLinks, newPage,
  seedCandidate, seedMentor, settled, signIn, startConsole,
} from './harness.mjs';

const env = await startConsole();

describe('signing in', { skip: env.skip }, () => {
  let browser;
  let users;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    const candidate = await seedCandidate(env.server, 2019, 'Ada Lovelace', 'ada@scusd.example');
    const mentor = await seedMentor(env.server, 'Grace Hopper', 'grace@egusd.example');
    users = {
      staff: await createUser(env, 'Sam Staff', 'staff'),
      instructor: await createUser(env, 'Ian Instructor', 'instructor'),
      candidate: await createUser(env, 'Ada Lovelace', 'candidate', { candidate_id: candidate }),
      mentor: await createUser(env, 'Grace Hopper', 'mentor', { mentor_id: mentor }),
    };
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('a wrong token shows an alert and signs nobody in', async () => {
    const page = await newPage(browser, env);
    await page.goto('/console/');
    await checkAccessibility(page, 'sign-in');
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /not accepted/);
    assert.equal(await page.getByLabel('Token').inputValue(), '');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    await checkAccessibility(page, 'sign-in with its alert');
    await page.context().close();
  });

  test('staff sign in and out; the browser keeps no token and writes need the CSRF header', async () => {
    const page = await newPage(browser, env);
    await signIn(page, users.staff.token);
    assert.deepEqual(await navigationLinks(page), [
      'Cohorts', 'Candidates', 'Mentors', 'Certificates', 'Reminders', 'Reports', 'Rule sets', 'Imports',
    ]);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(users.staff.token), 'the token is in web storage');
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    assert.ok(!(await page.content()).includes(users.staff.token), 'the token is in the page');
    const status = await page.evaluate(async () => {
      const response = await fetch('/v1/cohorts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ year: 2030 }),
      });
      return response.status;
    });
    assert.equal(status, 403, 'a cookie-authenticated write without X-CSRF-Token');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Token').waitFor();
    const after = await page.evaluate(async () => (await fetch('/v1/sessions/current')).status);
    assert.equal(after, 401);
    await page.context().close();
  });

  test('keyboard only: sign in, follow the navigation, open a cohort', async () => {
    const page = await newPage(browser, env);
    await page.goto('/console/');
    const focused = () => page.evaluate(() => {
      const element = document.activeElement;
      return `${element?.tagName ?? ''} ${element?.getAttribute('name') ?? ''} ${element?.textContent?.trim() ?? ''}`;
    });
    // Tabs until the focused element's description matches, at most `limit` times.
    const tabTo = async (pattern, limit = 30) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`no ${pattern} within ${limit} tabs; at ${await focused()}`);
    };
    await tabTo(/^INPUT token/);
    await page.keyboard.type(users.staff.token);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await tabTo(/^A\s+Cohorts$/);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Cohorts' }).getByRole('link', { name: '2019' }).waitFor();
    await tabTo(/^A\s+2019$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cohort 2019' }).waitFor();
    await tabTo(/^BUTTON\s+Record attendance$/, 60);
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'Record attendance' }).waitFor();
    await page.context().close();
  });

  test("the console runs under the server's own Content-Security-Policy", async () => {
    const page = await newPage(browser, env, { bypassCSP: false });
    const answer = await page.goto('/console/');
    assert.match(answer.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await signIn(page, kAdminToken);
    for (const path of ['reports', 'cohorts/2019', 'candidates', 'rulesets']) {
      await page.goto(`/console/${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await settled(page);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Cohorts' }).click();
    await page.getByRole('table', { name: 'Cohorts' }).waitFor();
    const refused = page.consoleErrors.filter((message) => /Content Security Policy|Refused to/i.test(message));
    assert.deepEqual(refused, []);
    await page.context().close();
  });

  test('each role sees the links it may use', async () => {
    const expected = {
      instructor: ['Cohorts', 'Candidates'],
      candidate: ['My progress'],
      mentor: ['My candidates'],
    };
    for (const [role, links] of Object.entries(expected)) {
      const page = await newPage(browser, env);
      await signIn(page, users[role].token);
      assert.deepEqual(await navigationLinks(page), links, role);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await settled(page);
      await checkAccessibility(page, `${role}'s first page`);
      await page.context().close();
    }
  });
});
