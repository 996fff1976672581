// A form's values as a command's JSON body: src/lib/body.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const { BodyReader, InputError } = await loadTs('src/lib/body.ts');
const LA = 'America/Los_Angeles';

test('local date-times become RFC 3339 instants in the program zone; empty optional fields are left out', () => {
  const read = new BodyReader(
    { opens: '2017-08-23T00:00', deadline: '2017-09-29T17:00', tuition: '2,500', capacity: '', note: '  ' },
    LA,
  );
  const body = read.done({
    application_opens: read.requiredInstant('opens'),
    application_deadline: read.requiredInstant('deadline'),
    tuition_cents: read.requiredCents('tuition'),
    capacity: read.integer('capacity'),
    note: read.text('note'),
  });
  assert.deepEqual(body, {
    application_opens: '2017-08-23T00:00:00-07:00',
    application_deadline: '2017-09-29T17:00:00-07:00',
    tuition_cents: 250000,
  });
});

test('every invalid or missing field is named at once, by its JSON path', () => {
  const read = new BodyReader({ starts: 'soon', hours: 'seven', amount: '12.345' }, LA);
  const draft = {
    starts_at: read.requiredInstant('starts', 'sessions[3].starts_at'),
    contact_hours: read.requiredDecimal('hours'),
    amount_cents: read.requiredCents('amount', 'amount_cents'),
    reason: read.requiredText('reason'),
  };
  assert.throws(
    () => read.done(draft),
    (error) => {
      assert.ok(error instanceof InputError);
      assert.deepEqual(
        error.errors.map((e) => e.field),
        ['sessions[3].starts_at', 'hours', 'amount_cents', 'reason'],
      );
      return true;
    },
  );
});

test('an optional nested object left empty is absent; decimals and booleans are read as such', () => {
  const read = new BodyReader({ hours: '7.5', payer_name: '', recommend: 'true' }, LA);
  const body = read.done({
    contact_hours: read.requiredDecimal('hours'),
    payer: { name: read.text('payer_name') },
    recommend: read.boolean('recommend'),
    sessions: [{ number: 0, location: read.text('nothing') }],
  });
  assert.deepEqual(body, { contact_hours: 7.5, recommend: true, sessions: [{ number: 0 }] });
});
