// Every command API.md offers about a candidate, as a form: its route, the roles that may send it
// (API.md's roles column), its fields and how they become the JSON body that openapi.json
// describes (CommandBody<route> keeps each body true to the generated types).
import { encode, postJson, postRaw, type CommandBody, type CommandResult } from '../api/client';
import type { FieldSpec, Files, Option } from '../components/CommandForm';
import { BodyReader } from '../lib/body';
import type { Role } from '../lib/session';
import { employerKinds, options } from './shared';

type Route = keyof import('../api/schema.gen').paths;

export interface CandidateCommand {
  route: string; // the last segment of POST /v1/candidates/{id}/<route>
  title: string;
  submitLabel: string;
  roles: Role[];
  fields: FieldSpec[];
  body: (read: BodyReader, upload: Upload) => Promise<object> | object;
  done?: (answer: CommandResult & Record<string, unknown>) => string;
}

type Upload = (name: string) => Promise<string | undefined>;

// Context a few forms need to offer choices: the candidate's assignments and the mentors.
export interface CommandContext {
  assignments: string[];
  mentors: Option[];
}

const kSessions: Option[] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  value: String(n),
  label: `Session ${n}`,
}));

type Body<R extends Route> = CommandBody<R>;

export function candidateCommands(context: CommandContext): CandidateCommand[] {
  const assignment: FieldSpec =
    context.assignments.length > 0
      ? {
          name: 'assignment',
          label: 'Assignment',
          kind: 'select',
          required: true,
          options: context.assignments.map((id) => ({ value: id, label: id })),
        }
      : { name: 'assignment', label: 'Assignment', required: true, hint: 'The assignment id.' };
  return [
    {
      route: 'decision',
      title: 'Decision',
      submitLabel: 'Record decision',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'decision', label: 'Decision', kind: 'select', required: true, options: options(['accepted', 'waitlisted', 'rejected']) },
        { name: 'reason', label: 'Reason', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/decision'> => ({
        decision: read.requiredText('decision') as 'accepted',
        reason: read.text('reason'),
      }),
    },
    {
      route: 'mentor',
      title: 'Mentor',
      submitLabel: 'Assign mentor',
      roles: ['admin', 'staff'],
      fields: [
        context.mentors.length > 0
          ? { name: 'mentor_id', label: 'Mentor', kind: 'select', required: true, options: context.mentors }
          : { name: 'mentor_id', label: 'Mentor', required: true, hint: 'The mentor id.' },
      ],
      body: (read): Body<'/v1/candidates/{id}/mentor'> => ({ mentor_id: read.requiredText('mentor_id') }),
    },
    {
      route: 'payments',
      title: 'Payment',
      submitLabel: 'Record payment',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'amount', label: 'Amount', kind: 'money', required: true, hint: 'In dollars.', paths: ['amount_cents'] },
        { name: 'method', label: 'Method', kind: 'select', required: true, options: options(['check', 'money_order', 'visa', 'mastercard', 'discover']) },
        { name: 'payer_kind', label: 'Paid by', kind: 'select', required: true, options: [{ value: 'self', label: 'The candidate' }, { value: 'employer', label: 'The employer' }], paths: ['payer.kind'] },
        { name: 'payer_name', label: 'Employer paying', hint: 'When the employer pays.', paths: ['payer.name'] },
        { name: 'funding_source', label: 'Funding source', kind: 'select', options: options(['k12_voucher', 'grant', 'professional_development', 'general_fund', 'other']), hint: 'When the employer pays.', paths: ['payer.funding_source'] },
        { name: 'reference', label: 'Reference' },
      ],
      body: (read): Body<'/v1/candidates/{id}/payments'> => ({
        amount_cents: read.requiredCents('amount', 'amount_cents'),
        method: read.requiredText('method'),
        payer: {
          kind: read.requiredText('payer_kind', 'payer.kind') as 'self',
          name: read.text('payer_name'),
          funding_source: read.text('funding_source') as 'grant' | undefined,
        },
        reference: read.text('reference'),
      }),
    },
    {
      route: 'refunds',
      title: 'Refund',
      submitLabel: 'Record refund',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'amount', label: 'Amount', kind: 'money', required: true, hint: 'In dollars.', paths: ['amount_cents'] },
        { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
      ],
      body: (read): Body<'/v1/candidates/{id}/refunds'> => ({
        amount_cents: read.requiredCents('amount', 'amount_cents'),
        reason: read.requiredText('reason'),
      }),
    },
    {
      route: 'attendance',
      title: 'Attendance',
      submitLabel: 'Record attendance',
      roles: ['admin', 'staff', 'instructor'],
      fields: [
        { name: 'session', label: 'Session', kind: 'select', required: true, options: kSessions },
        { name: 'status', label: 'Attendance', kind: 'select', required: true, options: [
          { value: 'present', label: 'Present' },
          { value: 'absent_excused', label: 'Absent, excused' },
          { value: 'absent_unexcused', label: 'Absent, unexcused' },
        ] },
        { name: 'note', label: 'Note' },
      ],
      body: (read): Body<'/v1/candidates/{id}/attendance'> => ({
        session: read.requiredInteger('session'),
        status: read.requiredText('status') as 'present',
        note: read.text('note'),
      }),
    },
    {
      route: 'makeups',
      title: 'Make-up',
      submitLabel: 'Record make-up',
      roles: ['admin', 'staff', 'instructor'],
      fields: [
        { name: 'session', label: 'Session', kind: 'select', required: true, options: kSessions },
        { name: 'description', label: 'Description', kind: 'textarea', required: true },
      ],
      body: (read): Body<'/v1/candidates/{id}/makeups'> => ({
        session: read.requiredInteger('session'),
        description: read.requiredText('description'),
      }),
    },
    {
      route: 'participation',
      title: 'Participation',
      submitLabel: 'Record participation',
      roles: ['admin', 'staff', 'instructor'],
      fields: [
        { name: 'session', label: 'Session', kind: 'select', required: true, options: kSessions },
        { name: 'rating', label: 'Rating', kind: 'select', required: true, options: options(['satisfactory', 'unsatisfactory']) },
      ],
      body: (read): Body<'/v1/candidates/{id}/participation'> => ({
        session: read.requiredInteger('session'),
        rating: read.requiredText('rating') as 'satisfactory',
      }),
    },
    {
      route: 'submissions',
      title: 'Submission',
      submitLabel: 'Record submission',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        assignment,
        { name: 'url', label: 'Link', kind: 'url', hint: 'An http(s) address.' },
        { name: 'document', label: 'Document', kind: 'file' },
      ],
      body: async (read, upload): Promise<Body<'/v1/candidates/{id}/submissions'>> => ({
        assignment: read.requiredText('assignment'),
        url: read.text('url'),
        document: await upload('document'),
      }),
    },
    {
      route: 'grades',
      title: 'Grade',
      submitLabel: 'Record grade',
      roles: ['admin', 'staff', 'instructor'],
      fields: [
        assignment,
        { name: 'result', label: 'Result', kind: 'select', required: true, options: options(['pass', 'fail']) },
        { name: 'score', label: 'Score', kind: 'number' },
        { name: 'comment', label: 'Comment', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/grades'> => ({
        assignment: read.requiredText('assignment'),
        result: read.requiredText('result') as 'pass',
        score: read.integer('score'),
        comment: read.text('comment'),
      }),
    },
    {
      route: 'portfolio',
      title: 'Portfolio item',
      submitLabel: 'Add portfolio item',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        { name: 'kind', label: 'Kind', kind: 'select', required: true, options: options(['artifact', 'reflection', 'curriculum_summary']) },
        { name: 'session', label: 'Session', kind: 'select', options: kSessions },
        { name: 'title', label: 'Title', required: true },
        { name: 'url', label: 'Link', kind: 'url', required: true, hint: 'An http(s) address.' },
      ],
      body: (read): Body<'/v1/candidates/{id}/portfolio'> => ({
        kind: read.requiredText('kind') as 'artifact',
        session: read.integer('session'),
        title: read.requiredText('title'),
        url: read.requiredText('url'),
      }),
    },
    {
      route: 'meetings',
      title: 'Log meeting',
      submitLabel: 'Log meeting',
      roles: ['admin', 'staff', 'mentor'],
      fields: [
        { name: 'kind', label: 'Kind of meeting', kind: 'select', required: true, options: options(['check_in', 'mid_year_evaluation', 'portfolio_review']) },
        { name: 'mode', label: 'Mode', kind: 'select', required: true, options: options(['face_to_face', 'phone', 'video', 'shared_documents']) },
        { name: 'held_on', label: 'Held on', kind: 'date', required: true },
        { name: 'notes', label: 'Notes', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/meetings'> => ({
        kind: read.requiredText('kind') as 'check_in',
        mode: read.requiredText('mode') as 'phone',
        held_on: read.requiredText('held_on'),
        notes: read.text('notes'),
      }),
    },
    {
      route: 'reviews',
      title: 'Progress review',
      submitLabel: 'Record review',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'held_on', label: 'Held on', kind: 'date', required: true },
        { name: 'notes', label: 'Notes', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/reviews'> => ({
        held_on: read.requiredText('held_on'),
        notes: read.text('notes'),
      }),
    },
    {
      route: 'final-presentation',
      title: 'Final presentation',
      submitLabel: 'Record final presentation',
      roles: ['admin', 'staff', 'instructor'],
      fields: [
        { name: 'result', label: 'Result', kind: 'select', required: true, options: options(['pass', 'fail']) },
        { name: 'executive_summary', label: 'Executive summary', kind: 'select', required: true, options: options(['accepted', 'rejected', 'missing']) },
        { name: 'comment', label: 'Comment', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/final-presentation'> => ({
        result: read.requiredText('result') as 'pass',
        executive_summary: read.requiredText('executive_summary') as 'accepted',
        comment: read.text('comment'),
      }),
    },
    {
      route: 'mentor-assessment',
      title: 'Mentor assessment',
      submitLabel: 'Record assessment',
      roles: ['admin', 'staff', 'mentor'],
      fields: [
        { name: 'recommend', label: 'Recommends certification', kind: 'select', required: true, options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] },
        { name: 'statement', label: 'Statement', kind: 'textarea', required: true },
      ],
      body: (read): Body<'/v1/candidates/{id}/mentor-assessment'> => ({
        recommend: read.requiredText('recommend') === 'true',
        statement: read.requiredText('statement'),
      }),
    },
    {
      route: 'feedback',
      title: 'Program feedback',
      submitLabel: 'Send feedback',
      roles: ['admin', 'staff', 'candidate'],
      fields: [{ name: 'text', label: 'Feedback', kind: 'textarea', required: true }],
      body: (read): Body<'/v1/candidates/{id}/feedback'> => ({ text: read.requiredText('text') }),
    },
    {
      route: 'employment',
      title: 'Employment',
      submitLabel: 'Record employment',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        { name: 'employer_name', label: 'Employer', required: true, paths: ['employer.name'] },
        { name: 'employer_kind', label: 'Employer kind', kind: 'select', required: true, options: employerKinds, paths: ['employer.kind'] },
        { name: 'cds_code', label: 'CDS code', hint: 'Fourteen digits.', paths: ['employer.cds_code'] },
        { name: 'position', label: 'Job title' },
      ],
      body: (read): Body<'/v1/candidates/{id}/employment'> => ({
        employer: {
          name: read.requiredText('employer_name', 'employer.name'),
          kind: read.requiredText('employer_kind', 'employer.kind') as 'district',
          cds_code: read.text('cds_code'),
        },
        position: read.text('position'),
      }),
    },
    {
      route: 'continuation',
      title: 'Continuation',
      submitLabel: 'Record continuation',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'decision', label: 'Decision', kind: 'select', required: true, options: options(['continue', 'release']) },
        { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
      ],
      body: (read): Body<'/v1/candidates/{id}/continuation'> => ({
        decision: read.requiredText('decision') as 'continue',
        reason: read.requiredText('reason'),
      }),
    },
    {
      route: 'drop',
      title: 'Drop',
      submitLabel: 'Drop candidate',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'reason', label: 'Reason', kind: 'select', required: true, options: options(['unexcused_absence', 'missing_work', 'left_k12', 'withdrew', 'other']) },
        { name: 'detail', label: 'Detail', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/drop'> => ({
        reason: read.requiredText('reason') as 'other',
        detail: read.text('detail'),
      }),
    },
    {
      route: 'withdraw',
      title: 'Withdrawal',
      submitLabel: 'Record withdrawal',
      roles: ['admin', 'staff', 'candidate'],
      fields: [{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }],
      body: (read): Body<'/v1/candidates/{id}/withdraw'> => ({ reason: read.requiredText('reason') }),
    },
    {
      route: 'certification',
      title: 'Certification',
      submitLabel: 'Record certification',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'decision', label: 'Decision', kind: 'select', required: true, options: options(['certify', 'deny']) },
        { name: 'reason', label: 'Reason', kind: 'textarea' },
      ],
      body: (read): Body<'/v1/candidates/{id}/certification'> => ({
        decision: read.requiredText('decision') as 'certify',
        reason: read.text('reason'),
      }),
      done: (answer) =>
        answer.certificate
          ? `Certified: certificate ${String(answer.certificate)}, issued ${String(answer.issued_on)}, expires ${String(answer.expires_on)}.`
          : `Certification decision recorded (log position ${answer.position}).`,
    },
    {
      route: 'ceus',
      title: 'Continuing education (CEU)',
      submitLabel: 'Log CEU',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        { name: 'activity', label: 'Activity', required: true },
        { name: 'provider', label: 'Provider', required: true },
        { name: 'completed_on', label: 'Completed on', kind: 'date', required: true },
        { name: 'contact_hours', label: 'Contact hours', kind: 'text', required: true, hint: 'Such as 7.5; ten contact hours are one CEU.' },
        { name: 'document', label: 'Document', kind: 'file' },
      ],
      body: async (read, upload): Promise<Body<'/v1/candidates/{id}/ceus'>> => ({
        activity: read.requiredText('activity'),
        provider: read.requiredText('provider'),
        completed_on: read.requiredText('completed_on'),
        contact_hours: read.requiredDecimal('contact_hours'),
        document: await upload('document'),
      }),
    },
    {
      route: 'annual-documentation',
      title: 'Annual documentation',
      submitLabel: 'Record annual documentation',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        { name: 'year', label: 'Year', kind: 'number', required: true },
        { name: 'document', label: 'Document', kind: 'file' },
      ],
      body: async (read, upload): Promise<Body<'/v1/candidates/{id}/annual-documentation'>> => ({
        year: read.requiredInteger('year'),
        document: await upload('document'),
      }),
    },
    {
      route: 'recertification',
      title: 'Recertification',
      submitLabel: 'Recertify',
      roles: ['admin', 'staff'],
      fields: [],
      body: (): Body<'/v1/candidates/{id}/recertification'> => ({}),
      done: (answer) =>
        answer.expires_on
          ? `Recertified: the certificate now expires ${String(answer.expires_on)}.`
          : `Recertification recorded (log position ${answer.position}).`,
    },
    {
      route: 'promotions',
      title: 'Promotion',
      submitLabel: 'Record promotion',
      roles: ['admin', 'staff', 'candidate'],
      fields: [
        { name: 'title', label: 'New title', required: true },
        { name: 'effective_on', label: 'Effective on', kind: 'date', required: true },
      ],
      body: (read): Body<'/v1/candidates/{id}/promotions'> => ({
        title: read.requiredText('title'),
        effective_on: read.requiredText('effective_on'),
      }),
    },
    {
      route: 'revocation',
      title: 'Revocation',
      submitLabel: 'Revoke certificate',
      roles: ['admin'],
      fields: [{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }],
      body: (read): Body<'/v1/candidates/{id}/revocation'> => ({ reason: read.requiredText('reason') }),
    },
    // Correction and erasure (API.md "Personal data and erasure") are not in openapi.json yet:
    // their bodies are written from API.md until the server documents them.
    {
      route: 'correction',
      title: 'Correction',
      submitLabel: 'Correct personal data',
      roles: ['admin', 'staff'],
      fields: [
        { name: 'name', label: 'Name' },
        { name: 'email', label: 'E-mail', kind: 'email' },
        { name: 'position', label: 'Job title' },
      ],
      body: (read) => ({ name: read.text('name'), email: read.text('email'), position: read.text('position') }),
    },
    {
      route: 'erasure',
      title: 'Erasure',
      submitLabel: 'Erase personal data',
      roles: ['admin'],
      fields: [{ name: 'reason', label: 'Reason', kind: 'textarea', required: true }],
      body: (read) => ({ reason: read.requiredText('reason') }),
    },
  ];
}

// Sends one command about a candidate: documents first (POST /v1/documents), then the body, with
// occurred_at when staff gave one.
export async function sendCandidateCommand(
  command: CandidateCommand,
  candidateId: string,
  values: Record<string, string>,
  files: Files,
  timeZone: string,
): Promise<CommandResult & Record<string, unknown>> {
  const read = new BodyReader(values, timeZone);
  const occurredAt = read.instant('occurred_at');
  // Refuse what was typed before uploading anything.
  read.done(await command.body(read, async () => undefined));
  const upload: Upload = async (name) => {
    const file = files[name];
    if (!file) return undefined;
    const answer = await postRaw<{ id: string }>(
      '/v1/documents',
      file,
      file.type || 'application/octet-stream',
    );
    return answer.id;
  };
  const fresh = new BodyReader(values, timeZone);
  const body = fresh.done({ ...(await command.body(fresh, upload)), occurred_at: occurredAt });
  return postJson<CommandResult & Record<string, unknown>>(
    `/v1/candidates/${encode(candidateId)}/${command.route}`,
    body,
  );
}
