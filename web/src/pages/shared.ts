// Words and fields several pages share.
import type { FieldSpec, Option } from '../components/CommandForm';
import { may, type Session } from '../lib/session';
import { capitalised, plain } from '../lib/words';

export const employerKinds: Option[] = [
  { value: 'district', label: 'School district' },
  { value: 'county_office', label: 'County office of education' },
  { value: 'non_k12', label: 'Not K-12' },
];

export const candidateStatuses = [
  'applied',
  'waitlisted',
  'rejected',
  'withdrawn',
  'accepted',
  'dropped',
  'released',
  'completed',
  'certified',
];

export function statusWords(status: string): string {
  return capitalised(plain(status));
}

export function attendanceWords(mark: string): string {
  switch (mark) {
    case 'present':
      return 'Present';
    case 'absent_excused':
      return 'Excused';
    case 'absent_unexcused':
      return 'Unexcused';
    default:
      return plain(mark);
  }
}

// "When it happened" (occurred_at): only staff and admin may backdate (API.md), so only they
// see the field.
export function occurredAtField(session: Session): FieldSpec[] {
  if (!may(session, 'admin', 'staff')) return [];
  return [
    {
      name: 'occurred_at',
      label: 'When it happened',
      kind: 'datetime',
      hint: 'Leave empty for now; staff may record a past fact.',
    },
  ];
}

export function options(values: string[]): Option[] {
  return values.map((value) => ({ value, label: capitalised(plain(value)) }));
}
