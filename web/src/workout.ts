import { WORKOUT_TYPES, section, type AppContext, type Panel } from './context.js';
import { duration, fill, h, inlineForm, num, select } from './dom.js';
import { call, loadWorkout, saveWorkout, type ActiveWorkout } from './session.js';

/** Start and end a workout; the one in progress survives a reload (sessionStorage). */
export function workoutPanel(ctx: AppContext): Panel {
  const { element, body, status } = section('workout', 'Workout');
  const view = h('div');
  let timer: ReturnType<typeof setInterval> | undefined;

  function render(): void {
    clearInterval(timer);
    const active = loadWorkout();
    if (!active) {
      const type = select('workout_type', WORKOUT_TYPES, 'running');
      const form = inlineForm(
        'Start a workout',
        [['Workout type', type]],
        'Start workout',
        (start) => {
          start.disabled = true;
          status.textContent = '';
          call(
            ctx.api.POST('/workouts/start', {
              body: { user_id: ctx.login.user_id, workout_type: type.value },
            }),
          )
            .then((started) => {
              saveWorkout({ ...started, workout_type: type.value });
              render();
              document.getElementById('end-workout')?.focus();
            })
            .catch((err: Error) => {
              status.textContent = err.message;
              start.disabled = false;
            });
        },
      );
      fill(view, form);
      return;
    }
    const elapsed = h('span', { 'data-testid': 'elapsed' });
    const tick = (): void => {
      elapsed.textContent = duration((Date.now() - Date.parse(active.start_time)) / 1000);
    };
    tick();
    timer = setInterval(tick, 1000);
    const end = h('button', { type: 'button', id: 'end-workout', class: 'primary' }, 'End workout');
    end.addEventListener('click', () => {
      end.disabled = true;
      finish(active).catch((err: Error) => {
        status.textContent = err.message;
        end.disabled = false;
      });
    });
    fill(view, h('p', {}, `${active.workout_type} in progress: `, elapsed), end);
  }

  async function finish(active: ActiveWorkout): Promise<void> {
    const ended = await call(
      ctx.api.POST('/workouts/{session_id}/end', {
        params: { path: { session_id: active.session_id } },
        body: { end_time: new Date().toISOString() },
      }),
    );
    saveWorkout(undefined);
    render();
    status.textContent = `Workout saved: ${duration(ended.duration)}, ${num(ended.calories_burned)} kcal.`;
    ctx.refresh();
  }

  body.append(view);
  render();
  return { element, load: () => Promise.resolve() };
}
