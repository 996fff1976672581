// Turning what a person typed into a command's JSON body: empty optional fields are left out,
// local date-times become RFC 3339 instants in the program's zone, dollars become cents. Every
// problem is collected, so one InputError names them all.
import { dollarsToCents, localToRfc3339 } from './time';

// What a person typed into a form, by field name.
export type Values = Record<string, string>;

// A refusal found before sending (a date that is not a date): shown like the server's.
export class InputError extends Error {
  readonly errors: { field: string; message: string }[];
  constructor(errors: { field: string; message: string }[]) {
    super('invalid input');
    this.errors = errors;
  }
}

export class BodyReader {
  private readonly errors: { field: string; message: string }[] = [];
  constructor(
    private readonly values: Values,
    private readonly timeZone: string,
  ) {}

  // Text as typed (trimmed), or undefined when empty.
  text(name: string): string | undefined {
    const value = (this.values[name] ?? '').trim();
    return value === '' ? undefined : value;
  }

  requiredText(name: string, path = name): string {
    const value = this.text(name);
    if (value === undefined) this.errors.push({ field: path, message: 'is required' });
    return value ?? '';
  }

  integer(name: string, path = name): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      this.errors.push({ field: path, message: 'must be a whole number' });
      return undefined;
    }
    return Number(value);
  }

  requiredInteger(name: string, path = name): number {
    const value = this.integer(name, path);
    if (value === undefined && this.text(name) === undefined) {
      this.errors.push({ field: path, message: 'is required' });
    }
    return value ?? 0;
  }

  decimal(name: string, path = name): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      this.errors.push({ field: path, message: 'must be a number such as 7.5' });
      return undefined;
    }
    return Number(value);
  }

  requiredDecimal(name: string, path = name): number {
    const value = this.decimal(name, path);
    if (value === undefined && this.text(name) === undefined) {
      this.errors.push({ field: path, message: 'is required' });
    }
    return value ?? 0;
  }

  cents(name: string, path = name): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const cents = dollarsToCents(value);
    if (cents === null) this.errors.push({ field: path, message: 'must be dollars such as 2500.00' });
    return cents ?? undefined;
  }

  requiredCents(name: string, path = name): number {
    const value = this.cents(name, path);
    if (value === undefined && this.text(name) === undefined) {
      this.errors.push({ field: path, message: 'is required' });
    }
    return value ?? 0;
  }

  // A local date-time in the program's zone as an RFC 3339 instant, or undefined when empty.
  instant(name: string, path = name): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const instant = localToRfc3339(value, this.timeZone);
    if (instant === null) {
      this.errors.push({ field: path, message: 'must be a date and time' });
      return undefined;
    }
    return instant;
  }

  requiredInstant(name: string, path = name): string {
    const value = this.instant(name, path);
    if (value === undefined && this.text(name) === undefined) {
      this.errors.push({ field: path, message: 'is required' });
    }
    return value ?? '';
  }

  boolean(name: string): boolean {
    return this.values[name] === 'true';
  }

  // The body with its undefined fields left out; throws InputError when anything was invalid.
  done<T extends object>(body: T): T {
    if (this.errors.length > 0) throw new InputError(this.errors);
    return prune(body) as T;
  }
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      const pruned = prune(inner);
      // An optional object left with nothing in it (an employer payer's blank name) is absent.
      if (pruned && typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0) {
        continue;
      }
      out[key] = pruned;
    }
    return out;
  }
  return value;
}
