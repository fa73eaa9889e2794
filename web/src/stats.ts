import type { Schemas } from '@fitness/client';
import { barChart } from './chart.js';
import { section, type AppContext, type Panel } from './context.js';
import { duration, field, fill, h, num, select } from './dom.js';
import { call } from './session.js';

type Totals = Schemas['TotalsDto'];
type Bucket = Schemas['TrendBucketDto'];

const METRICS: [string, string][] = [
  ['workouts', 'Workouts'],
  ['duration', 'Duration (minutes)'],
  ['calories_burned', 'Calories (kcal)'],
];

function metricValue(bucket: Bucket, metric: string): number {
  if (metric === 'duration') {
    return Math.round((bucket.duration / 60) * 100) / 100;
  }
  return metric === 'calories_burned' ? bucket.calories_burned : bucket.workouts;
}

function totalsRow(label: string, t: Totals): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, label),
    h('td', {}, num(t.workouts, 0)),
    h('td', {}, duration(t.duration)),
    h('td', {}, num(t.calories_burned)),
  );
}

function totalsTable(caption: string, rows: [string, Totals][], testid: string): HTMLElement {
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'data', 'data-testid': testid },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td', {}),
          h('th', { scope: 'col' }, 'Workouts'),
          h('th', { scope: 'col' }, 'Duration'),
          h('th', { scope: 'col' }, 'kcal'),
        ),
      ),
      h('tbody', {}, ...rows.map(([label, t]) => totalsRow(label, t))),
    ),
  );
}

/** Totals, Strava-like buckets, per-type numbers, streaks and the weekly trend as a chart. */
export function statsPanel(ctx: AppContext): Panel {
  const { element, body, status } = section('statistics', 'Statistics');
  const summary = h('div', { class: 'stats-summary', 'data-testid': 'stats-summary' });
  const tables = h('div', { class: 'stats-tables' });
  const metric = select('trend_metric', METRICS, 'workouts');
  const chart = h('div', { class: 'chart-box' });
  let trend: Bucket[] = [];
  const drawChart = (): void => {
    const label = METRICS.find(([v]) => v === metric.value)?.[1] ?? metric.value;
    fill(
      chart,
      barChart(
        `${label} per week`,
        label.replace(/^.*\((.*)\)$/, '$1').toLowerCase(),
        trend.map((b) => ({ start: b.start, value: metricValue(b, metric.value) })),
      ),
    );
  };
  metric.addEventListener('change', drawChart);

  async function load(): Promise<void> {
    const path = { params: { path: { user_id: ctx.login.user_id } } };
    try {
      const [stats, weeks] = await Promise.all([
        call(ctx.api.GET('/users/{user_id}/statistics', path)),
        call(
          ctx.api.GET('/users/{user_id}/statistics/trend', {
            params: { path: { user_id: ctx.login.user_id }, query: { bucket: 'week' } },
          }),
        ),
      ]);
      status.textContent = '';
      const tile = (label: string, value: string, testid: string): HTMLElement =>
        h(
          'div',
          { class: 'tile' },
          h('span', { class: 'tile-label' }, label),
          h('span', { class: 'tile-value', 'data-testid': testid }, value),
        );
      fill(
        summary,
        tile('Workouts', num(stats.total_workouts, 0), 'total-workouts'),
        tile('Time', duration(stats.total_duration), 'total-duration'),
        tile('Calories', `${num(stats.total_calories_burned, 0)} kcal`, 'total-calories'),
        tile('Average session', duration(stats.average_session_duration), 'average-session'),
        tile('Current streak', `${stats.current_streak_days} d`, 'current-streak'),
        tile('Longest streak', `${stats.longest_streak_days} d`, 'longest-streak'),
      );
      const byType = Object.entries(stats.by_workout_type ?? {}) as [string, Totals][];
      fill(
        tables,
        totalsTable(
          'Totals by period',
          [
            ['Last 4 weeks', stats.recent_4_weeks],
            ['Year to date', stats.year_to_date],
            ['All time', stats.all_time],
          ],
          'stats-periods',
        ),
        byType.length > 0
          ? totalsTable(
              'By workout type',
              byType.sort((a, b) => b[1].workouts - a[1].workouts),
              'stats-types',
            )
          : h('p', { class: 'muted' }, 'No workouts yet: start one above.'),
      );
      trend = weeks.items;
      drawChart();
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  }

  body.append(
    summary,
    h('div', { class: 'chart-controls' }, field('Chart', metric)),
    chart,
    tables,
  );
  return { element, load };
}
