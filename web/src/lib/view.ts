// Reading fields of a view (a JSON object the API answered) without trusting its shape: a field
// that is missing or of another type reads as empty, so a page never throws on an older server.
import type { View } from '../api/client';

export function text(view: unknown, key: string): string {
  const value = field(view, key);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function num(view: unknown, key: string): number | null {
  const value = field(view, key);
  return typeof value === 'number' ? value : null;
}

export function bool(view: unknown, key: string): boolean {
  return field(view, key) === true;
}

export function list(view: unknown, key: string): unknown[] {
  const value = field(view, key);
  return Array.isArray(value) ? value : [];
}

export function obj(view: unknown, key: string): View {
  const value = field(view, key);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as View) : {};
}

export function field(view: unknown, key: string): unknown {
  if (!view || typeof view !== 'object') return undefined;
  return (view as Record<string, unknown>)[key];
}

// Any JSON value as short text for a table cell.
export function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
