// Instants shown and entered in the program's time zone (GET /v1/program), whatever the browser's.
// Pure functions of their arguments: no clock, no DOM; tests/unit/time.test.mjs covers them.

const kMinuteMs = 60_000;

// The wall-clock parts of an instant in a zone, read through Intl (the only zone database a
// browser has).
function wallParts(instantMs: number, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(instantMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

// The zone's offset from UTC at an instant, in minutes (-480 for 8 hours behind).
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const p = wallParts(instantMs, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wholeSecondMs = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return Math.round((wallAsUtc - wholeSecondMs) / kMinuteMs);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

// "-07:00", "+05:30", "+00:00".
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${two(Math.floor(magnitude / 60))}:${two(magnitude % 60)}`;
}

// An RFC 3339 instant as the program shows it: "2017-09-29 17:00 -07:00" (the form API.md uses
// in refusal details). Text that is not an instant comes back unchanged; empty stays empty.
export function formatInstant(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const p = wallParts(ms, timeZone);
  const offset = zoneOffsetMinutes(ms, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${formatOffset(offset)}`;
}

// The value of an <input type="datetime-local"> ("2018-02-02T10:00") for an instant, as the
// wall clock of the zone shows it.
export function instantToLocalInput(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  const p = wallParts(ms, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

const kLocalPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

// A local date-time typed in the program's zone ("2018-02-02T10:00") as an RFC 3339 instant with
// that zone's offset ("2018-02-02T10:00:00-08:00"). Null when the text is not a local date-time.
// A wall time that a spring-forward gap skips is read with the offset before the gap (so 02:30 on
// the day clocks go forward is 03:30 after); an ambiguous one in the autumn takes the earlier.
export function localToRfc3339(local: string, timeZone: string): string | null {
  const match = kLocalPattern.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((s) => Number(s ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wallAsUtc).getUTCDate() !== day) return null; // 30 February and the like
  // The offsets in force a day either side; zones change offset at most once in two days.
  const dayMs = 24 * 60 * kMinuteMs;
  const offsetBefore = zoneOffsetMinutes(wallAsUtc - dayMs, timeZone);
  const offsetAfter = zoneOffsetMinutes(wallAsUtc + dayMs, timeZone);
  let chosen = offsetBefore;
  let chosenMs = Number.POSITIVE_INFINITY;
  for (const o of [offsetBefore, offsetAfter]) {
    const ms = wallAsUtc - o * kMinuteMs;
    if (zoneOffsetMinutes(ms, timeZone) === o && ms < chosenMs) {
      chosen = o;
      chosenMs = ms;
    }
  }
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${formatOffset(chosen)}`;
}

// Today's date ("2026-12-02") in the zone at a given instant.
export function dateInZone(instantMs: number, timeZone: string): string {
  const p = wallParts(instantMs, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

// Integer cents as dollars: 250000 -> "$2,500.00", -1250 -> "-$12.50".
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || Number.isNaN(cents)) return '';
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(magnitude / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${two(magnitude % 100)}`;
}

// Dollars typed by a person ("2500", "2,500.5", "$12.05") as integer cents, or null.
export function dollarsToCents(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

// The ?as_of=&known_at= query of a time-travel form from its two local date-times (either may be
// empty), or what to tell the user when one is not a date and time.
export function timeTravelQuery(
  asOf: string,
  knownAt: string,
  timeZone: string,
): { query: string } | { error: string } {
  const query = new URLSearchParams();
  for (const [name, label, value] of [
    ['as_of', 'As of', asOf],
    ['known_at', 'Known at', knownAt],
  ] as const) {
    if (!value) continue;
    const instant = localToRfc3339(value, timeZone);
    if (!instant) return { error: `${label} must be a date and time.` };
    query.set(name, instant);
  }
  return { query: query.toString() };
}
