// Instants shown and entered in the program's zone: src/lib/time.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTs } from './load-ts.mjs';

const time = await loadTs('src/lib/time.ts');
const LA = 'America/Los_Angeles';

test('an instant is shown in the program zone with its offset', () => {
  assert.equal(time.formatInstant('2017-09-30T00:00:00Z', LA), '2017-09-29 17:00 -07:00');
  assert.equal(time.formatInstant('2018-02-02T18:00:00Z', LA), '2018-02-02 10:00 -08:00');
  assert.equal(time.formatInstant('2018-02-02T18:00:00Z', 'Asia/Kolkata'), '2018-02-02 23:30 +05:30');
  assert.equal(time.formatInstant('2018-02-02T18:00:00Z', 'UTC'), '2018-02-02 18:00 +00:00');
});

test('midnight is hour 00, never 24', () => {
  assert.equal(time.formatInstant('2018-02-02T08:00:00Z', LA), '2018-02-02 00:00 -08:00');
});

test('text that is not an instant is shown as it is, and empty stays empty', () => {
  assert.equal(time.formatInstant('soon', LA), 'soon');
  assert.equal(time.formatInstant('', LA), '');
  assert.equal(time.formatInstant(null, LA), '');
});

test('a local date-time becomes RFC 3339 with the zone offset of that date', () => {
  assert.equal(time.localToRfc3339('2017-09-29T17:00', LA), '2017-09-29T17:00:00-07:00');
  assert.equal(time.localToRfc3339('2018-02-02T10:00', LA), '2018-02-02T10:00:00-08:00');
  assert.equal(time.localToRfc3339('2018-02-02T10:00:30', 'Asia/Kolkata'), '2018-02-02T10:00:30+05:30');
  assert.equal(time.localToRfc3339('2018-02-02T10:00', 'UTC'), '2018-02-02T10:00:00+00:00');
});

test('the RFC 3339 instant is the same instant the zone shows as the typed wall time', () => {
  for (const local of ['2018-03-11T01:59', '2018-03-11T03:00', '2018-11-04T00:30', '2018-07-01T12:00']) {
    const instant = time.localToRfc3339(local, LA);
    assert.equal(time.instantToLocalInput(instant, LA), local, local);
  }
});

test('a wall time skipped by spring-forward is read with the offset before the gap', () => {
  assert.equal(time.localToRfc3339('2018-03-11T02:30', LA), '2018-03-11T02:30:00-08:00');
});

test('an ambiguous autumn wall time takes the earlier instant', () => {
  assert.equal(time.localToRfc3339('2018-11-04T01:30', LA), '2018-11-04T01:30:00-07:00');
});

test('text that is not a local date-time is null', () => {
  assert.equal(time.localToRfc3339('', LA), null);
  assert.equal(time.localToRfc3339('2018-02-30', LA), null);
  assert.equal(time.localToRfc3339('2018-02-30T10:00', LA), null);
  assert.equal(time.localToRfc3339('2018-13-01T10:00', LA), null);
  assert.equal(time.localToRfc3339('tomorrow', LA), null);
});

test('an instant becomes the value of a datetime-local input in the zone', () => {
  assert.equal(time.instantToLocalInput('2017-09-30T00:00:00Z', LA), '2017-09-29T17:00');
  assert.equal(time.instantToLocalInput('', LA), '');
});

test('the date in the zone is the zone calendar day', () => {
  assert.equal(time.dateInZone(Date.parse('2018-02-03T05:00:00Z'), LA), '2018-02-02');
  assert.equal(time.dateInZone(Date.parse('2018-02-03T05:00:00Z'), 'UTC'), '2018-02-03');
});

test('cents are shown as dollars and dollars typed become cents', () => {
  assert.equal(time.formatCents(250000), '$2,500.00');
  assert.equal(time.formatCents(-1250), '-$12.50');
  assert.equal(time.formatCents(5), '$0.05');
  assert.equal(time.dollarsToCents('2500'), 250000);
  assert.equal(time.dollarsToCents('$2,500.5'), 250050);
  assert.equal(time.dollarsToCents('12.05'), 1205);
  assert.equal(time.dollarsToCents('12.005'), null);
  assert.equal(time.dollarsToCents('twelve'), null);
});

test('a time-travel form becomes ?as_of=&known_at= in RFC 3339, or says which field is wrong', () => {
  assert.deepEqual(time.timeTravelQuery('', '', LA), { query: '' });
  const both = time.timeTravelQuery('2018-06-01T09:00', '2018-07-01T00:00', LA);
  assert.equal(
    new URLSearchParams(both.query).get('as_of'), time.localToRfc3339('2018-06-01T09:00', LA));
  assert.equal(
    new URLSearchParams(both.query).get('known_at'), time.localToRfc3339('2018-07-01T00:00', LA));
  assert.deepEqual(time.timeTravelQuery('', 'yesterday', LA), {
    error: 'Known at must be a date and time.',
  });
  assert.deepEqual(time.timeTravelQuery('soon', '', LA), { error: 'As of must be a date and time.' });
});
