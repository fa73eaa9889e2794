import type { Schemas } from '@fitness/client';
import { GOAL_TYPES, section, type AppContext, type Panel } from './context.js';
import { day, fill, formInput, h, inlineForm, num, select, type Control } from './dom.js';
import { call } from './session.js';

type Goal = Schemas['GoalListItemDto'];

const UNITS: Record<string, string> = {
  workouts: 'workouts',
  duration_minutes: 'min',
  calories: 'kcal',
};

/** Fields a newer API may add to a goal (period, workout type, status): shown when present. */
function extras(goal: Goal): string[] {
  const g = goal as Goal & Record<string, unknown>;
  return ['period', 'workout_type', 'status']
    .map((key) => g[key])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function goalItem(goal: Goal): HTMLLIElement {
  const unit =
    goal.goal_type === 'workouts' && goal.target_value === 1
      ? 'workout'
      : (UNITS[goal.goal_type] ?? goal.goal_type);
  const progress = Math.min(goal.current_progress, goal.target_value);
  const achieved = Boolean(goal.achieved_at) || goal.current_progress >= goal.target_value;
  const labelId = `goal-${goal.goal_id}`;
  return h(
    'li',
    { class: achieved ? 'goal achieved' : 'goal', 'data-goal-id': goal.goal_id },
    h(
      'div',
      { class: 'goal-head', id: labelId },
      h('strong', {}, `${num(goal.target_value)} ${unit}`),
      h('span', { class: 'muted' }, ` by ${day(goal.target_date)}`),
      ...extras(goal).map((tag) => h('span', { class: 'tag' }, tag)),
      achieved ? h('span', { class: 'tag tag-ok' }, 'achieved') : null,
    ),
    h('progress', {
      max: goal.target_value,
      value: progress,
      'aria-labelledby': labelId,
      'aria-valuetext': `${num(goal.current_progress)} of ${num(goal.target_value)} ${unit}`,
    }),
    h(
      'div',
      { class: 'muted small' },
      `${num(goal.current_progress)} / ${num(goal.target_value)} ${unit}`,
    ),
  );
}

export function goalsPanel(ctx: AppContext): Panel {
  const { element, body, status } = section('goals', 'Goals');
  const list = h('ul', { class: 'goals', 'data-testid': 'goals' });

  const type = select('goal_type', GOAL_TYPES, 'workouts');
  const target = formInput('target_value', 'number', {
    min: 1,
    step: 'any',
    required: true,
    value: 3,
  });
  const due = formInput('target_date', 'date', { required: true });
  due.value = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const fields: [string, Control][] = [
    ['Goal type', type],
    ['Target', target],
    ['Due date', due],
  ];
  const form = inlineForm('New goal', fields, 'Add goal', (submit) => {
    submit.disabled = true;
    status.textContent = '';
    call(
      ctx.api.POST('/users/{user_id}/goals', {
        params: { path: { user_id: ctx.login.user_id } },
        body: {
          goal_type: type.value as Goal['goal_type'],
          target_value: Number(target.value),
          // The end of the chosen day, UTC: a goal due "on" a day counts that day's workouts.
          target_date: `${due.value}T23:59:59.000Z`,
        },
      }),
    )
      .then(() => load())
      .catch((err: Error) => {
        status.textContent = err.message;
      })
      .finally(() => {
        submit.disabled = false;
      });
  });

  async function load(): Promise<void> {
    try {
      const { items } = await call(
        ctx.api.GET('/users/{user_id}/goals', { params: { path: { user_id: ctx.login.user_id } } }),
      );
      fill(
        list,
        ...(items.length > 0
          ? items.map(goalItem)
          : [h('li', { class: 'muted' }, 'No goals yet: add one below.')]),
      );
    } catch (err) {
      status.textContent = (err as Error).message;
    }
  }

  body.append(list, form);
  return { element, load };
}
