import { section, type AppContext, type Panel } from './context.js';
import { duration, field, fill, formInput, h, num, select } from './dom.js';
import { call } from './session.js';

type Metric = 'workouts' | 'duration' | 'calories_burned';
type Period = 'week' | 'month' | 'all';

function show(metric: Metric, value: number): string {
  if (metric === 'duration') {
    return duration(value);
  }
  return metric === 'calories_burned' ? `${num(value, 0)} kcal` : num(value, 0);
}

/** The rankings of the listed users, your own rank, and whether you are listed. */
export function leaderboardPanel(ctx: AppContext): Panel {
  const { element, body, status } = section('leaderboard', 'Leaderboard');
  const metric = select(
    'metric',
    [
      ['workouts', 'Workouts'],
      ['duration', 'Duration'],
      ['calories_burned', 'Calories'],
    ],
    'workouts',
  );
  const period = select(
    'period',
    [
      ['week', 'This week'],
      ['month', 'This month'],
      ['all', 'All time'],
    ],
    'week',
  );
  const visible = formInput('leaderboard_visible', 'checkbox', { id: 'leaderboard-visible' });
  const visibleRow = h(
    'div',
    { class: 'check' },
    visible,
    h('label', { for: 'leaderboard-visible' }, 'Show me on the leaderboards'),
  );
  const me = h('p', { 'data-testid': 'my-rank' });
  const table = h('div', { class: 'scroll' });

  visible.addEventListener('change', () => {
    visible.disabled = true;
    call(
      ctx.api.PATCH('/users/{user_id}', {
        params: { path: { user_id: ctx.login.user_id } },
        body: { leaderboard_visible: visible.checked },
      }),
    )
      .then((profile) => {
        visible.checked = Boolean(profile.leaderboard_visible);
        status.textContent = visible.checked
          ? 'You are listed on the leaderboards.'
          : 'You are hidden from the leaderboards (you still see your rank).';
        return loadBoard();
      })
      .catch((err: Error) => {
        visible.checked = !visible.checked;
        status.textContent = err.message;
      })
      .finally(() => {
        visible.disabled = false;
      });
  });
  metric.addEventListener('change', () => void loadBoard());
  period.addEventListener('change', () => void loadBoard());

  async function loadBoard(): Promise<void> {
    const m = metric.value as Metric;
    try {
      const board = await call(
        ctx.api.GET('/leaderboards/{metric}', {
          params: { path: { metric: m }, query: { period: period.value as Period, limit: 10 } },
        }),
      );
      me.textContent = `Your rank: #${board.me.rank} (${show(m, board.me.value)})`;
      fill(
        table,
        h(
          'table',
          { class: 'data', 'data-testid': 'leaderboard-table' },
          h('caption', {}, `Top ${board.items.length} listed users`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Rank'),
              h('th', { scope: 'col' }, 'User'),
              h('th', { scope: 'col' }, metric.selectedOptions[0]?.textContent ?? m),
            ),
          ),
          h(
            'tbody',
            {},
            ...(board.items.length > 0
              ? board.items.map((item) =>
                  h(
                    'tr',
                    { class: item.user_id === ctx.login.user_id ? 'me' : '' },
                    h('td', {}, `#${item.rank}`),
                    h('td', {}, item.username, item.user_id === ctx.login.user_id ? ' (you)' : ''),
                    h('td', {}, show(m, item.value)),
                  ),
                )
              : [h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'Nobody is listed yet.'))]),
          ),
        ),
      );
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  }

  async function load(): Promise<void> {
    try {
      const profile = await call(
        ctx.api.GET('/users/{user_id}', { params: { path: { user_id: ctx.login.user_id } } }),
      );
      visible.checked = Boolean(profile.leaderboard_visible);
    } catch (err) {
      status.textContent = (err as Error).message;
    }
    await loadBoard();
  }

  body.append(
    h('div', { class: 'inline-form' }, field('Metric', metric), field('Period', period)),
    visibleRow,
    me,
    table,
  );
  return { element, load };
}
