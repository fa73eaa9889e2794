import type {
  AckAnswers,
  AckOf,
  ChatMessage,
  ClientEvent,
  EventPayloads,
  ExerciseEntry,
  GroupSessionState,
  GroupUpdate,
  Member,
  SessionLeaderboard,
} from '@fitness/client';
import { WORKOUT_TYPES, section, type AppContext, type Panel } from './context.js';
import { field, fill, formInput, h, inlineForm, num, select, type Control } from './dom.js';

const ACK_TIMEOUT_MS = 10_000;

interface LiveSession {
  meta: Omit<GroupSessionState, 'members' | 'participants' | 'recent_messages' | 'exercise'>;
  members: Map<string, Member>;
  messages: ChatMessage[];
  exercise: (ExerciseEntry & { username?: string })[];
  boards: Map<string, SessionLeaderboard>;
  ended: boolean;
}

/** Sends an event and resolves with its acknowledgement's answer; a refusal or no answer throws. */
async function ask<E extends ClientEvent>(
  ctx: AppContext,
  event: E,
  payload: EventPayloads[E],
): Promise<AckAnswers[E]> {
  // (The generic event name defeats socket.io's overloads: the contract types the answer.)
  const send = ctx.socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(name: E, body: EventPayloads[E]): Promise<AckOf<E>>;
  };
  let answer: AckOf<E>;
  try {
    answer = await send.emitWithAck(event, payload);
  } catch (err) {
    throw new Error('The server did not answer in time.', { cause: err });
  }
  if (!answer.ok) {
    throw new Error(answer.error.message);
  }
  return answer;
}

function fromState(state: GroupSessionState): LiveSession {
  const { members, recent_messages, exercise } = state;
  const meta: LiveSession['meta'] = {
    session_id: state.session_id,
    name: state.name,
    workout_type: state.workout_type,
    creator_id: state.creator_id,
    started_at: state.started_at,
    status: state.status,
  };
  return {
    meta,
    members: new Map(members.map((m) => [m.user_id, m])),
    messages: [...recent_messages],
    exercise: [...exercise],
    boards: new Map(),
    ended: state.status === 'ended',
  };
}

/** Create or join a live group session: members, chat, exercise updates, the session leaderboard. */
export function groupPanel(ctx: AppContext): Panel {
  const { element, body, status } = section('group', 'Group session');
  const view = h('div');
  let live: LiveSession | undefined;
  // The parts of the live view that updates change, kept to re-render them alone.
  let parts:
    | {
        members: HTMLUListElement;
        chat: HTMLOListElement;
        exercise: HTMLOListElement;
        board: HTMLDivElement;
        state: HTMLParagraphElement;
      }
    | undefined;

  const fail = (err: unknown): void => {
    status.textContent = (err as Error).message;
  };

  function renderLobby(): void {
    parts = undefined;
    const type = select('workout_type', WORKOUT_TYPES, 'running');
    const name = formInput('name', 'text', { maxlength: 100, placeholder: 'Morning run club' });
    const createFields: [string, Control][] = [
      ['Workout type', type],
      ['Session name (optional)', name],
    ];
    const createForm = inlineForm('Create a group session', createFields, 'Create session', () => {
      status.textContent = '';
      ask(ctx, 'create_group_session', {
        workout_type: type.value,
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
      })
        .then((answer) => enter(answer.session))
        .catch(fail);
    });
    const sessionId = formInput('session_id', 'text', {
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    const joinForm = inlineForm(
      'Join a group session',
      [['Session id', sessionId]],
      'Join session',
      () => {
        status.textContent = '';
        joinSession(sessionId.value.trim()).catch(fail);
      },
    );
    fill(view, createForm, joinForm);
  }

  async function joinSession(sessionId: string): Promise<void> {
    const answer = await ask(ctx, 'join_group_session', {
      user_id: ctx.login.user_id,
      session_id: sessionId,
    });
    enter(answer.session);
  }

  function enter(state: GroupSessionState): void {
    const previous = live;
    live = fromState(state);
    if (previous && previous.meta.session_id === state.session_id) {
      live.boards = previous.boards;
    }
    renderSession();
    document.getElementById('chat-message')?.focus();
  }

  function renderSession(): void {
    if (!live) {
      renderLobby();
      return;
    }
    const s = live;
    const idBox = h('input', {
      type: 'text',
      readonly: true,
      value: s.meta.session_id,
      'data-testid': 'session-id',
      class: 'mono',
    });
    const copy = h('button', { type: 'button', class: 'secondary' }, 'Copy');
    copy.addEventListener('click', () => {
      idBox.select();
      navigator.clipboard?.writeText(s.meta.session_id).then(
        () => (status.textContent = 'Session id copied.'),
        () => (status.textContent = 'Select the id and copy it.'),
      );
    });
    const members = h('ul', { class: 'members', 'data-testid': 'members' });
    const chat = h('ol', {
      class: 'chat',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Chat',
      'data-testid': 'chat',
    });
    const exercise = h('ol', {
      class: 'chat',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Exercise updates',
      'data-testid': 'exercise-log',
    });
    const board = h('div', { 'data-testid': 'session-leaderboard' });
    const state = h('p', { class: 'muted' });

    const message = formInput('message', 'text', {
      id: 'chat-message',
      maxlength: 1000,
      required: true,
      autocomplete: 'off',
    });
    const chatForm = inlineForm('Send a message', [['Message', message]], 'Send', () => {
      const text = message.value.trim();
      if (!text) {
        return;
      }
      ask(ctx, 'send_message', {
        user_id: ctx.login.user_id,
        session_id: s.meta.session_id,
        message: text,
      })
        .then(() => {
          message.value = '';
        })
        .catch(fail);
    });

    const exName = formInput('exercise', 'text', {
      required: true,
      value: 'push-ups',
      maxlength: 100,
    });
    const exValue = formInput('value', 'number', {
      required: true,
      min: 0,
      step: 'any',
      value: 10,
    });
    const exUnit = formInput('unit', 'text', { required: true, value: 'reps', maxlength: 20 });
    const exFields: [string, Control][] = [
      ['Exercise', exName],
      ['Value', exValue],
      ['Unit', exUnit],
    ];
    const exForm = inlineForm('Send an exercise update', exFields, 'Send update', () => {
      ask(ctx, 'exercise_update', {
        session_id: s.meta.session_id,
        exercise: exName.value.trim(),
        value: Number(exValue.value),
        unit: exUnit.value.trim(),
      }).catch(fail);
    });

    const leave = h('button', { type: 'button', class: 'secondary' }, 'Leave session');
    leave.addEventListener('click', () => {
      ask(ctx, 'leave_group_session', { session_id: s.meta.session_id })
        .catch(() => undefined)
        .finally(() => {
          live = undefined;
          status.textContent = 'You left the session.';
          renderLobby();
        });
    });
    const end =
      s.meta.creator_id === ctx.login.user_id && !s.ended
        ? h('button', { type: 'button', class: 'danger' }, 'End session for everyone')
        : null;
    end?.addEventListener('click', () => {
      ask(ctx, 'end_group_session', { session_id: s.meta.session_id }).catch(fail);
    });

    fill(
      view,
      h(
        'div',
        { class: 'session-head' },
        h('h3', {}, s.meta.name || 'Group session'),
        h('span', { class: 'tag' }, s.meta.workout_type),
        state,
      ),
      h('div', { class: 'inline-form' }, field('Session id (share it to invite)', idBox), copy),
      h(
        'div',
        { class: 'session-grid' },
        h('div', {}, h('h3', {}, 'Members'), members),
        h('div', {}, h('h3', {}, 'Chat'), chat, chatForm),
        h('div', {}, h('h3', {}, 'Exercise updates'), exercise, exForm),
        h('div', {}, h('h3', {}, 'Session leaderboard'), board),
      ),
      h('div', { class: 'actions' }, leave, end),
    );
    parts = { members, chat, exercise, board, state };
    renderParts();
  }

  function renderParts(): void {
    if (!live || !parts) {
      return;
    }
    const s = live;
    parts.state.textContent = s.ended
      ? 'This session has ended.'
      : `${s.members.size} in the session`;
    fill(
      parts.members,
      ...[...s.members.values()].map((m) =>
        h('li', {}, m.username, m.user_id === ctx.login.user_id ? ' (you)' : ''),
      ),
    );
    fill(
      parts.chat,
      ...s.messages.map((m) =>
        h(
          'li',
          {},
          h('span', { class: 'who' }, `${m.username}: `),
          m.message,
          h('time', { datetime: m.sent_at, class: 'muted small' }, ` ${m.sent_at.slice(11, 16)}`),
        ),
      ),
    );
    parts.chat.scrollTop = parts.chat.scrollHeight;
    const name = (userId: string, fallback?: string): string =>
      fallback ?? s.members.get(userId)?.username ?? 'someone';
    fill(
      parts.exercise,
      ...s.exercise.map((e) =>
        h(
          'li',
          {},
          h('span', { class: 'who' }, `${name(e.user_id, e.username)}: `),
          `${e.exercise} ${num(e.value)} ${e.unit}`,
        ),
      ),
    );
    parts.exercise.scrollTop = parts.exercise.scrollHeight;
    fill(
      parts.board,
      ...(s.boards.size === 0
        ? [h('p', { class: 'muted' }, 'Send an exercise update to start the ranking.')]
        : [...s.boards.values()].map((b) =>
            h(
              'table',
              { class: 'data' },
              h('caption', {}, `${b.exercise} (${b.unit})`),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, 'Rank'),
                  h('th', { scope: 'col' }, 'Member'),
                  h('th', { scope: 'col' }, b.unit),
                ),
              ),
              h(
                'tbody',
                {},
                ...b.items.map((i) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, `#${i.rank}`),
                    h('td', {}, i.username),
                    h('td', {}, num(i.value)),
                  ),
                ),
              ),
            ),
          )),
    );
  }

  function onUpdate(update: GroupUpdate): void {
    if (!live || update.session_id !== live.meta.session_id) {
      return;
    }
    switch (update.update_type) {
      case 'joined':
        live.members.set(update.data.user_id, {
          user_id: update.data.user_id,
          username: update.data.username,
        });
        break;
      case 'left':
        live.members.delete(update.data.user_id);
        break;
      case 'message':
        live.messages = [...live.messages, update.data].slice(-50);
        break;
      case 'exercise':
        live.exercise = [...live.exercise, update.data].slice(-50);
        break;
      case 'leaderboard':
        live.boards.set(`${update.data.exercise}\u0000${update.data.unit}`, update.data);
        break;
      case 'ended':
        live.ended = true;
        status.textContent = 'The session has ended.';
        renderSession();
        return;
    }
    renderParts();
  }

  ctx.socket.on('group_update', onUpdate);
  // After a reconnect (another replica, a network change) join again: the state is in Redis.
  ctx.socket.io.on('reconnect', () => {
    if (live && !live.ended) {
      joinSession(live.meta.session_id).catch(fail);
    }
  });

  body.append(view);
  renderLobby();
  return { element, load: () => Promise.resolve() };
}
