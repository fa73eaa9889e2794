import './style.css';
import type { RealtimeSocket } from '@fitness/client';
import { type AppContext, type Panel } from './context.js';
import { field, fill, formInput, h } from './dom.js';
import { goalsPanel } from './goals.js';
import { groupPanel } from './group.js';
import { leaderboardPanel } from './leaderboard.js';
import {
  apiClient,
  call,
  clearLogin,
  loadLogin,
  realtime,
  saveLogin,
  type Login,
} from './session.js';
import { statsPanel } from './stats.js';
import { toast } from './toast.js';
import { workoutPanel } from './workout.js';

const main = document.getElementById('main') as HTMLElement;
const account = document.getElementById('account') as HTMLElement;
let socket: RealtimeSocket | undefined;

function authForm(
  title: string,
  fields: HTMLInputElement[],
  submitLabel: string,
  onSubmit: (values: Record<string, string>) => Promise<void>,
): HTMLElement {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const headingId = `${submitLabel.toLowerCase().replace(/\W+/g, '-')}-title`;
  const form = h(
    'form',
    { 'aria-labelledby': headingId, novalidate: false },
    h('h2', { id: headingId }, title),
    ...fields.map((input) => field(input.dataset.label ?? input.name, input)),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    const values = Object.fromEntries(fields.map((f) => [f.name, f.value]));
    onSubmit(values)
      .catch((err: Error) => {
        error.textContent = err.message;
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return h('section', { class: 'panel auth' }, form);
}

function input(name: string, label: string, type: string, autocomplete: string): HTMLInputElement {
  const el = formInput(name, type, { required: true, autocomplete });
  el.dataset.label = label;
  return el;
}

function showSignedOut(message?: string): void {
  socket?.close();
  socket = undefined;
  fill(account);
  const api = apiClient();
  const login = async (email: string, password: string): Promise<void> => {
    const answer = await call(api.POST('/users/login', { body: { email, password } }));
    saveLogin(answer);
    showSignedIn(answer);
  };
  fill(
    main,
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    h(
      'div',
      { class: 'auth-grid' },
      authForm(
        'Log in',
        [
          input('email', 'Email', 'email', 'username'),
          input('password', 'Password', 'password', 'current-password'),
        ],
        'Log in',
        (v) => login(v.email ?? '', v.password ?? ''),
      ),
      authForm(
        'Create an account',
        [
          input('username', 'Username (3 to 32 letters, digits, _ . -)', 'text', 'nickname'),
          input('email', 'Email', 'email', 'email'),
          input('password', 'Password (8 characters or more)', 'password', 'new-password'),
        ],
        'Register',
        async (v) => {
          await call(
            api.POST('/users/register', {
              body: {
                username: v.username ?? '',
                email: v.email ?? '',
                password: v.password ?? '',
              },
            }),
          );
          await login(v.email ?? '', v.password ?? '');
          toast('Welcome! Your account is ready.', 'success');
        },
      ),
    ),
  );
}

function showSignedIn(login: Login): void {
  const api = apiClient(login.token);
  socket?.close();
  socket = realtime(login.token);
  const connection = h('span', { class: 'connection', 'data-testid': 'connection' }, 'connecting…');
  const name = h('span', { class: 'who' });
  const logout = h('button', { type: 'button', class: 'secondary' }, 'Log out');
  logout.addEventListener('click', () => {
    clearLogin();
    showSignedOut('You are logged out.');
  });
  fill(account, name, connection, logout);

  const panels: Panel[] = [];
  const ctx: AppContext = {
    login,
    api,
    socket,
    username: '',
    refresh: () => {
      for (const p of panels) {
        p.load().catch(() => undefined);
      }
    },
  };
  socket.on('connect', () => {
    connection.textContent = 'live';
    connection.className = 'connection ok';
  });
  socket.on('disconnect', (reason) => {
    connection.textContent = 'offline';
    connection.className = 'connection';
    // The server closed it (a replica shutting down): Socket.IO does not retry that on its own.
    if (reason === 'io server disconnect') {
      setTimeout(() => socket?.connect(), 1000);
    }
  });
  socket.on('connect_error', (err) => {
    connection.textContent = 'offline';
    if (err.message.startsWith('unauthorized')) {
      clearLogin();
      showSignedOut('Your session has expired: please log in again.');
    }
  });
  socket.on('session_expired', () => {
    clearLogin();
    showSignedOut('Your session has expired: please log in again.');
  });
  socket.on('goal_achieved', (alert) => {
    const unit: Record<string, string> = {
      workouts: alert.target_value === 1 ? 'workout' : 'workouts',
      duration_minutes: 'minutes',
      calories: 'kcal',
    };
    toast(
      `Goal achieved: ${alert.target_value} ${unit[alert.goal_type] ?? alert.goal_type}!`,
      'success',
    );
    ctx.refresh();
  });

  panels.push(
    goalsPanel(ctx),
    workoutPanel(ctx),
    statsPanel(ctx),
    leaderboardPanel(ctx),
    groupPanel(ctx),
  );
  fill(main, h('div', { class: 'panels' }, ...panels.map((p) => p.element)));
  ctx.refresh();
  call(api.GET('/users/{user_id}', { params: { path: { user_id: login.user_id } } }))
    .then((profile) => {
      ctx.username = profile.username;
      name.textContent = profile.username;
    })
    .catch((err: Error & { status?: number }) => {
      if (err.status === 401) {
        clearLogin();
        showSignedOut('Your session has expired: please log in again.');
      }
    });
}

const saved = loadLogin();
if (saved) {
  showSignedIn(saved);
} else {
  showSignedOut();
}
