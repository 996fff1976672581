// Cohorts: staff open one through the Open cohort form (a refusal first, shown beside the form
// with what was typed kept); an instructor records a session's attendance for the whole room.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessibility, cohortBody, createUser, launchBrowser, newPage, seedCandidate, signIn,
  startConsole,
} from './harness.mjs';

const env = await startConsole();

describe('cohorts', { skip: env.skip }, () => {
  let browser;
  let staff;
  let instructor;
  const room = [];
  before(async () => {
    browser = await launchBrowser();
    staff = await createUser(env, 'Sam Staff', 'staff');
    instructor = await createUser(env, 'Ian Instructor', 'instructor');
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    for (const name of ['Ada Lovelace', 'Katherine Johnson', 'Dorothy Vaughan', 'Mary Jackson', 'Annie Easley']) {
      const email = `${name.split(' ')[0].toLowerCase()}@district.example`;
      room.push({ name, id: await seedCandidate(env.server, 2019, name, email) });
    }
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('staff open a cohort with its ten sessions; a refusal keeps what was typed', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const page = await newPage(browser, env);
    await signIn(page, staff.token);
    await page.getByRole('navigation').getByRole('link', { name: 'Cohorts' }).click();
    await page.getByRole('table', { name: 'Cohorts' }).getByRole('link', { name: '2019' }).waitFor();
    await checkAccessibility(page, 'cohorts');
    await page.getByRole('button', { name: 'Open cohort' }).click();
    const form = page.getByRole('form', { name: 'Open a cohort' });
    await form.getByLabel('Year', { exact: true }).fill(String(year));
    await form.getByLabel('Location', { exact: true }).fill('Sacramento, CA');
    await form.getByLabel('Application opens').fill(`${year - 1}-11-01T00:00`);
    await form.getByLabel('Application deadline').fill(`${year}-01-15T17:00`);
    await form.getByLabel('Tuition').fill('2500');
    for (let n = 0; n <= 9; n++) {
      const month = String(n === 9 ? 11 : 2 + n).padStart(2, '0');
      await form.getByLabel(`Session ${n} starts`).fill(`${year}-${month}-02T10:00`);
      await form.getByLabel(`Session ${n} ends`).fill(`${year}-${month}-02T16:00`);
    }
    // Session 5 ends before it starts: the server refuses, naming sessions[5].
    await form.getByLabel('Session 5 ends').fill(`${year}-07-01T16:00`);
    await checkAccessibility(page, 'the Open cohort form');
    await form.getByRole('button', { name: 'Open cohort' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const said = await alert.innerText();
    // The server names sessions[5].ends_at; the form shows it under that field's label.
    assert.match(said, /Session 5 ends: is not after its start/, said);
    assert.equal(await form.getByLabel('Location', { exact: true }).inputValue(), 'Sacramento, CA');
    assert.equal(await form.getByLabel('Session 4 starts').inputValue(), `${year}-06-02T10:00`);
    await checkAccessibility(page, 'the Open cohort form with a refusal');

    await form.getByLabel('Session 5 ends').fill(`${year}-07-02T16:00`);
    await form.getByRole('button', { name: 'Open cohort' }).click();
    await page.getByRole('status').getByText(`Cohort ${year} opened`).waitFor();
    assert.equal(await form.count(), 0, 'the form closes once the cohort is open');
    await page.getByRole('table', { name: 'Cohorts' }).getByRole('link', { name: String(year) }).click();
    await page.getByRole('heading', { name: `Cohort ${year}` }).waitFor();
    const schedule = page.getByRole('table', { name: 'Schedule' });
    await schedule.waitFor();
    assert.equal(await schedule.locator('tbody tr').count(), 10);
    assert.ok(await page.getByRole('link', { name: 'Subscribe (iCalendar)' }).isVisible());
    await checkAccessibility(page, 'a cohort');
    await page.context().close();
  });

  test("an instructor records a session's attendance for five candidates in one form", async () => {
    const page = await newPage(browser, env);
    await signIn(page, instructor.token);
    await page.goto('/console/cohorts/2019');
    await page.getByRole('heading', { name: 'Cohort 2019' }).waitFor();
    const roster = page.getByRole('table', { name: 'Roster' });
    await roster.getByRole('link', { name: 'Ada Lovelace' }).waitFor();
    await checkAccessibility(page, 'cohort 2019 for an instructor');
    await page.getByRole('button', { name: 'Record attendance' }).click();
    const form = page.getByRole('form', { name: 'Record attendance' });
    await form.getByLabel('Session', { exact: true }).selectOption('1');
    await form.getByLabel('Mary Jackson').selectOption('absent_excused');
    await checkAccessibility(page, 'the Record attendance form');
    await form.getByRole('button', { name: 'Save attendance' }).click();
    await form.getByRole('status').getByText('saved for 5 candidates').waitFor();
    // The grid shows it at once, and the API agrees.
    const grid = page.getByRole('table', { name: 'Attendance' });
    await grid.getByRole('row', { name: /Mary Jackson/ }).getByText('Excused').waitFor();
    for (const { name, id } of room) {
      const view = await env.server.api('GET', `/v1/candidates/${id}`);
      assert.equal(view.attendance['1'], name === 'Mary Jackson' ? 'absent_excused' : 'present', name);
    }
    await page.context().close();
  });
});
