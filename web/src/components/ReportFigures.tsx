// The program report as the seeds' slide: the headline counts, then one bar chart per cohort
// (SVG with presentation attributes, so no style attribute meets the CSP) and the same figures as
// a table for those who would rather read.
import type { View } from '../api/client';
import { list, num, text } from '../lib/view';

export const kFigures: { key: string; label: string }[] = [
  { key: 'enrolled', label: 'Enrolled' },
  { key: 'completed', label: 'Completed' },
  { key: 'currently_enrolled', label: 'Currently enrolled' },
  { key: 'certified', label: 'Certified' },
  { key: 'promoted', label: 'Promoted' },
  { key: 'districts', label: 'Districts' },
  { key: 'county_offices', label: 'County offices' },
];

export function Headline(props: { report: View; label?: string }) {
  return (
    <dl class="headline" aria-label={props.label}>
      {kFigures.map((figure) => (
        <div key={figure.key}>
          <dt>{figure.label}</dt>
          <dd>{num(props.report, figure.key) ?? 0}</dd>
        </div>
      ))}
    </dl>
  );
}

const kChartFigures = ['enrolled', 'completed', 'certified', 'promoted'];

export function CohortChart(props: { report: View; title: string }) {
  const cohorts = list(props.report, 'cohorts') as View[];
  const largest = Math.max(1, ...cohorts.flatMap((c) => kChartFigures.map((key) => num(c, key) ?? 0)));
  const rowHeight = 18;
  const titleHeight = 20;
  const groupHeight = titleHeight + rowHeight * kChartFigures.length + 10;
  const width = 560;
  const labelWidth = 110;
  const barWidth = width - labelWidth - 50;
  const height = Math.max(groupHeight * cohorts.length, 20);
  const summary = cohorts
    .map((c) => `${text(c, 'cohort')}: ${kChartFigures.map((key) => `${num(c, key) ?? 0} ${key}`).join(', ')}`)
    .join('; ');
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={`${props.title}. ${summary || 'No cohort yet.'}`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        {cohorts.map((cohort, group) => {
          const top = group * groupHeight;
          return (
            <g key={text(cohort, 'cohort')}>
              <text x={0} y={top + 14} class="bar-title">
                Cohort {text(cohort, 'cohort')}
              </text>
              {kChartFigures.map((key, index) => {
                const value = num(cohort, key) ?? 0;
                const y = top + titleHeight + index * rowHeight;
                const length = (value / largest) * barWidth;
                return (
                  <g key={key} class={`bar bar-${key}`}>
                    <text x={0} y={y + 13} class="bar-label">
                      {key}
                    </text>
                    <rect x={labelWidth} y={y + 2} height={rowHeight - 4} width={length} />
                    <text x={labelWidth + length + 4} y={y + 13} class="bar-value">
                      {value}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
