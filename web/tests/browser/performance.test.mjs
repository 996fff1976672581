// How fast the two busiest pages render on loopback (issue #16: a figure for docs/performance.md,
// not an assertion): the cohort page of a 30-candidate cohort and a certified candidate's page,
// each timed from the click on its link to the data shown, five times, as the test's diagnostics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cohortBody, kAdminToken, launchBrowser, newPage, seedCandidate, seedCertified, seedMentor,
  settled, signIn, startConsole,
} from './harness.mjs';

const env = await startConsole();
const kRounds = 5;

function summary(name, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${name}: median ${sorted[Math.floor(sorted.length / 2)]} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms over ${samples.length} navigations`;
}

// Clicks the link `name` in the table captioned `caption` and answers the milliseconds until
// `rendered` (evaluated in the page at every animation frame) is true.
async function timeNavigation(page, caption, name, rendered) {
  const started = await page.evaluate(
    ([captionText, linkText]) => {
      const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === captionText);
      const link = [...(table?.querySelectorAll('a') ?? [])].find((a) => a.textContent === linkText);
      const now = performance.now();
      link.click();
      return now;
    },
    [caption, name],
  );
  const done = await page.waitForFunction(
    (check) => (new Function(`return (${check})()`)() ? performance.now() : false),
    rendered.toString(),
    { polling: 'raf' },
  );
  return Math.round((await done.jsonValue()) - started);
}

describe('rendering time', { skip: env.skip }, () => {
  let browser;
  let ada;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    const mentor = await seedMentor(env.server, 'Grace Hopper', 'grace@egusd.example');
    ada = await seedCandidate(env.server, 2019, 'Ada Lovelace', 'ada@scusd.example');
    await seedCertified(env.server, 2019, ada, mentor);
    for (let i = 2; i <= 30; i++) {
      await seedCandidate(env.server, 2019, `Candidate ${String(i).padStart(2, '0')}`, `c${i}@district.example`);
    }
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('the cohort page of 30 candidates and a candidate page render on loopback', async (t) => {
    const page = await newPage(browser, env);
    await signIn(page, kAdminToken);
    const cohort = [];
    const candidate = [];
    for (let round = 0; round < kRounds; round++) {
      await page.goto('/console/cohorts');
      await page.getByRole('table', { name: 'Cohorts' }).getByRole('link', { name: '2019' }).waitFor();
      // Timed inside the browser, from the click on the link to the first frame showing the data
      // (the roster's 30 rows and the schedule; the requirements and the history), so the
      // test driver's own polling is not counted.
      cohort.push(await timeNavigation(page, 'Cohorts', '2019', () => {
        const roster = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === 'Roster');
        const schedule = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === 'Schedule');
        return roster?.tBodies[0]?.rows.length === 30 && schedule?.tBodies[0]?.rows.length === 10;
      }));
      candidate.push(await timeNavigation(page, 'Roster', 'Ada Lovelace', () => {
        const history = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === 'History');
        const headings = [...document.querySelectorAll('h3')].map((h) => h.textContent ?? '');
        return (history?.tBodies[0]?.rows.length ?? 0) > 40 && headings.some((h) => h.startsWith('Certification: met'));
      }));
    }
    assert.equal(await page.getByRole('table', { name: 'History' }).locator('tbody tr').count() > 40, true);
    t.diagnostic(summary('cohort page, 30 candidates', cohort));
    t.diagnostic(summary('candidate page, certified, 48 events', candidate));
    await page.context().close();
  });
});
