// A candidate's requirements as a checklist (GET /v1/candidates/{id}/explain): completion,
// certification and recertification, each requirement met or not, its detail, and links to the
// events that decided it (when the page shows the history they point into).
import type { components } from '../api/schema.gen';
import { requirementWords } from '../lib/words';

type Evaluation = components['schemas']['Evaluation'];
export type Explanation = {
  completion?: Evaluation;
  certification?: Evaluation;
  recertification?: Evaluation;
  at_risk?: Evaluation;
};

// Evidence positions once each, in log order.
function unique(positions: number[] | undefined): number[] {
  return [...new Set(positions ?? [])].sort((a, b) => a - b);
}

const kParts: { key: keyof Explanation; title: string }[] = [
  { key: 'completion', title: 'Completion' },
  { key: 'certification', title: 'Certification' },
  { key: 'recertification', title: 'Recertification' },
];

export function Requirements(props: {
  explanation: Explanation;
  headingLevel: 3 | 4;
  // When set, evidence positions link to rows of the History table with these ids.
  eventAnchor?: (position: number) => string;
}) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class="requirements">
      {kParts.map(({ key, title }) => {
        const evaluation = props.explanation[key];
        if (!evaluation) return null;
        const requirements = evaluation.requirements ?? [];
        const met = requirements.filter((requirement) => requirement.met).length;
        return (
          <section key={key} class="checklist" aria-label={title}>
            <Heading>
              {title}: {evaluation.met ? 'met' : 'not yet met'}{' '}
              <span class="count">
                ({met} of {requirements.length})
              </span>
            </Heading>
            <ul>
              {requirements.map((requirement) => (
                <li key={requirement.code} class={requirement.met ? 'met' : 'unmet'}>
                  <span class="check" aria-hidden="true">
                    {requirement.met ? '✓' : '✗'}
                  </span>{' '}
                  <strong>{requirementWords(requirement.code ?? '')}</strong>{' '}
                  <span class="visually-hidden">{requirement.met ? '(met)' : '(not met)'}</span>
                  {requirement.detail && <span class="detail"> — {requirement.detail}</span>}
                  {unique(requirement.evidence).length > 0 && (
                    <span class="evidence">
                      {' '}
                      Decided by{' '}
                      {unique(requirement.evidence).map((position, index) => (
                        <>
                          {index > 0 && ', '}
                          {props.eventAnchor ? (
                            <a href={`#${props.eventAnchor(position)}`}>event {position}</a>
                          ) : (
                            <span>event {position}</span>
                          )}
                        </>
                      ))}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

// The requirements as the candidate view states them (completion.unmet, the certification and
// unmet_for_recertification), for a role that may read the candidate but not its explanation (an
// instructor): what is unmet, in words, without details or evidence.
export function RequirementsFromView(props: { candidate: Record<string, unknown>; headingLevel: 3 | 4 }) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h4';
  const completion = (props.candidate.completion ?? {}) as { met?: boolean; unmet?: string[] };
  const certification = (props.candidate.certification ?? {}) as {
    state?: string;
    unmet_for_recertification?: string[];
  };
  const parts = [
    { key: 'completion', title: 'Completion', met: completion.met === true, unmet: completion.unmet ?? [] },
    {
      key: 'certification',
      title: 'Certification',
      met: certification.state === 'certified',
      unmet: certification.state === 'certified' ? [] : completion.met ? [] : ['completion'],
    },
    {
      key: 'recertification',
      title: 'Recertification',
      met: certification.state === 'certified' && (certification.unmet_for_recertification ?? []).length === 0,
      unmet:
        certification.state === 'certified'
          ? (certification.unmet_for_recertification ?? [])
          : ['not_certified'],
    },
  ];
  return (
    <div class="requirements">
      {parts.map((part) => (
        <section key={part.key} class="checklist" aria-label={part.title}>
          <Heading>
            {part.title}: {part.met ? 'met' : 'not yet met'}
          </Heading>
          {part.unmet.length > 0 ? (
            <ul>
              {part.unmet.map((code) => (
                <li key={code} class="unmet">
                  <span class="check" aria-hidden="true">
                    ✗
                  </span>{' '}
                  <strong>{requirementWords(code)}</strong>{' '}
                  <span class="visually-hidden">(not met)</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{part.met ? 'Every requirement is met.' : 'Nothing is listed as unmet yet.'}</p>
          )}
        </section>
      ))}
    </div>
  );
}
