// The program's codes in words, for people: requirement codes (API.md "Refusal codes"), statuses
// and enumerations. A code without words here is shown as it is, with underscores as spaces.

const kRequirements: Record<string, string> = {
  attendance: 'Attend the sessions the rules require',
  unexcused_absences: 'No more unexcused absences than the rules allow',
  excused_absences: 'No more excused absences than the rules allow',
  makeups: 'A make-up for every missed session',
  assignments: 'Pass every assignment',
  portfolio: 'A portfolio with the artifacts and reflections required',
  curriculum_summary: 'A curriculum summary in the portfolio',
  mentor_meetings: 'The mentor meetings required (check-ins, mid-year evaluation, portfolio review)',
  final_presentation_delivered: 'Deliver the final presentation',
  feedback: 'Give program feedback',
  completion: 'Complete the program',
  participation: 'Satisfactory participation in the sessions',
  final_presentation: 'Pass the final presentation',
  executive_summary: 'An accepted executive summary',
  mentor_recommendation: 'The mentor recommends certification',
  tuition: 'Tuition paid in full',
  not_certified: 'Be certified',
  ceus: 'Enough continuing-education units (CEUs) in the cycle',
  annual_documentation: 'Annual documentation for every year of the cycle',
  revoked: 'The certificate is not revoked',
  currently_k12_leader: 'Currently a K-12 technology leader',
  hands_on_experience: 'Hands-on experience',
  qualification: 'A qualifying credential',
  at_risk: 'Not at risk',
};

export function plain(code: string): string {
  return code.replace(/_/g, ' ');
}

export function requirementWords(code: string): string {
  return kRequirements[code] ?? plain(code);
}

export function capitalised(textValue: string): string {
  return textValue ? textValue.charAt(0).toUpperCase() + textValue.slice(1) : textValue;
}
