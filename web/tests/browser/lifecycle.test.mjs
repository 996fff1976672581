// A staff member runs one candidate from application to certification entirely through the
// console: a mentor added, approved and under contract; the application with its three documents;
// decision, matching, tuition; a room's attendance for every session; participation, portfolio,
// meetings, final presentation, the mentor's recommendation, feedback; then certification.
// Only the cohort (2019, opened in the past) is seeded through the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cohortBody, createUser, launchBrowser, newPage, signIn, startConsole, todayInProgramZone,
} from './harness.mjs';

const env = await startConsole();

// Clicks the form's submit button and answers its new status message; throws with the alert's
// text when the form shows a refusal instead.
async function submit(form, button) {
  const status = form.getByRole('status');
  const before = await status.innerText();
  await form.getByRole('button', { name: button, exact: true }).click();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const now = await status.innerText();
    if (now && now !== before) return now;
    const alert = form.getByRole('alert');
    if (await alert.count()) throw new Error(`${button} refused: ${await alert.innerText()}`);
    if (Date.now() > deadline) throw new Error(`${button}: no status after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

describe('a candidate from application to certification', { skip: env.skip }, () => {
  let browser;
  let staff;
  before(async () => {
    browser = await launchBrowser();
    await env.server.api('POST', '/v1/cohorts', cohortBody(2019));
    staff = await createUser(env, 'Sam Staff', 'staff');
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  test('staff run the whole year in the console', async () => {
    const page = await newPage(browser, env);
    await signIn(page, staff.token);

    // The mentor: added, approved, contract signed.
    await page.getByRole('navigation').getByRole('link', { name: 'Mentors' }).click();
    const addMentor = page.getByRole('form', { name: 'Add a mentor' });
    await addMentor.getByLabel('Name').fill('Grace Hopper');
    await addMentor.getByLabel('E-mail').fill('grace@egusd.example');
    await addMentor.getByLabel('Job title').fill('Chief Technology Officer');
    await addMentor.getByLabel('Employer', { exact: true }).fill('Elk Grove USD');
    await addMentor.getByLabel('Employer kind').selectOption('district');
    await addMentor.getByLabel('Currently a K-12 technology leader').check();
    await addMentor.getByLabel('Hands-on experience').check();
    await addMentor.getByLabel('Qualification').selectOption('work_experience');
    await addMentor.getByLabel('Years of K-12 leadership').fill('12');
    await submit(addMentor, 'Add mentor');
    await page.getByRole('table', { name: 'Mentors' }).getByRole('link', { name: 'Grace Hopper' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
    await submit(page.getByRole('form', { name: 'Approve' }), 'Approve');
    const contract = page.getByRole('form', { name: 'Record contract' });
    await contract.getByLabel('Signed on').fill('2018-10-01');
    await submit(contract, 'Record contract');
    await page.getByText('signed on 2018-10-01', { exact: true }).waitFor();

    // The application, on time: backdated to 1 September 2018 with its three documents.
    await page.goto('/console/cohorts/2019');
    const application = page.getByRole('form', { name: 'Record an application' });
    await application.getByLabel('Name').fill('Ada Lovelace');
    await application.getByLabel('E-mail').fill('ada@scusd.example');
    await application.getByLabel('Job title').fill('IT Director');
    await application.getByLabel('Employer', { exact: true }).fill('Sacramento City USD');
    await application.getByLabel('Employer kind').selectOption('district');
    for (const [label, text] of [['Application form', 'application'], ['Resume', 'resume'], ['Nomination', 'nomination']]) {
      await application.getByLabel(label).setInputFiles({ name: `${text}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`${text} of Ada`) });
    }
    await application.getByLabel('When it happened').fill('2018-09-01T12:00');
    assert.match(await submit(application, 'Record application'), /Application of Ada Lovelace recorded/);
    await page.getByRole('table', { name: 'Roster' }).getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const candidateUrl = page.url();

    const form = (name) => page.getByRole('form', { name, exact: true });
    const decision = form('Decision');
    await decision.getByLabel('Decision').selectOption('accepted');
    await submit(decision, 'Record decision');
    const mentor = form('Mentor');
    await mentor.getByLabel('Mentor').selectOption({ label: 'Grace Hopper (approved)' });
    await submit(mentor, 'Assign mentor');
    const payment = form('Payment');
    await payment.getByLabel('Amount').fill('2500');
    await payment.getByLabel('Method').selectOption('check');
    await payment.getByLabel('Paid by').selectOption('self');
    await submit(payment, 'Record payment');

    // The room's attendance for sessions 0 to 8, from the cohort page.
    await page.goto('/console/cohorts/2019');
    await page.getByRole('button', { name: 'Record attendance' }).click();
    const room = form('Record attendance');
    for (let n = 0; n <= 8; n++) {
      await room.getByLabel('Session', { exact: true }).selectOption(String(n));
      await room.getByLabel('Ada Lovelace').selectOption('present');
      assert.match(await submit(room, 'Save attendance'), new RegExp(`session ${n} saved for 1 candidates`));
    }
    await page.goto(candidateUrl);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();

    const participation = form('Participation');
    for (let n = 0; n <= 8; n++) {
      await participation.getByLabel('Session').selectOption(String(n));
      await participation.getByLabel('Rating').selectOption('satisfactory');
      await submit(participation, 'Record participation');
    }
    const portfolio = form('Portfolio item');
    for (let n = 1; n <= 8; n++) {
      for (const kind of ['artifact', 'reflection']) {
        await portfolio.getByLabel('Kind').selectOption(kind);
        await portfolio.getByLabel('Session').selectOption(String(n));
        await portfolio.getByLabel('Title').fill(`${kind} for session ${n}`);
        await portfolio.getByLabel('Link').fill(`https://portfolio.example/ada/${n}`);
        await submit(portfolio, 'Add portfolio item');
      }
    }
    await portfolio.getByLabel('Kind').selectOption('curriculum_summary');
    await portfolio.getByLabel('Title').fill('What I learned');
    await portfolio.getByLabel('Link').fill('https://portfolio.example/ada/summary');
    await submit(portfolio, 'Add portfolio item');

    const meeting = form('Log meeting');
    for (const kind of ['check_in', 'mid_year_evaluation', 'portfolio_review', 'portfolio_review']) {
      await meeting.getByLabel('Kind of meeting').selectOption(kind);
      await meeting.getByLabel('Mode').selectOption('face_to_face');
      await meeting.getByLabel('Held on').fill(todayInProgramZone());
      await submit(meeting, 'Log meeting');
    }
    const final = form('Final presentation');
    await final.getByLabel('Result').selectOption('pass');
    await final.getByLabel('Executive summary').selectOption('accepted');
    await submit(final, 'Record final presentation');
    const assessment = form('Mentor assessment');
    await assessment.getByLabel('Recommends certification').selectOption('true');
    await assessment.getByLabel('Statement').fill('Ready to lead a district.');
    await submit(assessment, 'Record assessment');
    const feedback = form('Program feedback');
    await feedback.getByLabel('Feedback').fill('More on E-Rate, please.');
    await submit(feedback, 'Send feedback');

    await page.getByRole('heading', { name: 'Completion: met' }).waitFor();
    const certification = form('Certification');
    await certification.getByLabel('Decision').selectOption('certify');
    assert.match(await submit(certification, 'Record certification'), /Certified: certificate CCTO-2019-0001/);
    await page.getByText('Certified', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Certification: met' }).waitFor();
    await page.context().close();
  });
});
