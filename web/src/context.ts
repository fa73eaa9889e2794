import type { ApiClient, RealtimeSocket } from '@fitness/client';
import type { Login } from './session.js';

/** What every panel of the signed-in page shares. */
export interface AppContext {
  login: Login;
  api: ApiClient;
  socket: RealtimeSocket;
  username: string;
  /** Asks the panels that show derived numbers (goals, statistics, leaderboard) to reload. */
  refresh(): void;
}

export const WORKOUT_TYPES: [string, string][] = [
  ['running', 'Running'],
  ['cycling', 'Cycling'],
  ['swimming', 'Swimming'],
  ['walking', 'Walking'],
  ['strength', 'Strength'],
  ['hiit', 'HIIT'],
  ['yoga', 'Yoga'],
];

export const GOAL_TYPES: [string, string][] = [
  ['workouts', 'Workouts (count)'],
  ['duration_minutes', 'Duration (minutes)'],
  ['calories', 'Calories (kcal)'],
];

/** A panel: its section element, and how to reload its data. */
export interface Panel {
  element: HTMLElement;
  load(): Promise<void>;
}

/** A section with a heading that names it (aria-labelledby) and a status line for its errors. */
export function section(
  id: string,
  title: string,
): {
  element: HTMLElement;
  body: HTMLDivElement;
  status: HTMLParagraphElement;
} {
  const element = document.createElement('section');
  element.id = id;
  element.className = 'panel';
  element.setAttribute('aria-labelledby', `${id}-title`);
  const heading = document.createElement('h2');
  heading.id = `${id}-title`;
  heading.textContent = title;
  const status = document.createElement('p');
  status.className = 'panel-status';
  status.setAttribute('role', 'status');
  const body = document.createElement('div');
  element.append(heading, status, body);
  return { element, body, status };
}
