import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expectStatus } from '@fitness/client';
import {
  A,
  api,
  B,
  importWorkouts,
  newCredentials,
  pastWorkout,
  quickWorkout,
  registerAndLogin,
  registerUsers,
  userPath,
  type Session,
} from './support/api.js';

// The web client (web/, served by each gateway replica at /) in a real browser: Debian's Chromium
// driven by playwright-core (no browser download; `make test` installs the package). Screenshots
// go to test/artifacts/ (git-ignored).

jest.setTimeout(180_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, 'artifacts');
const WAIT_MS = 15_000;

let browser: Browser;
const contexts: BrowserContext[] = [];
/** Console errors and CSP violations of every page: none is expected. */
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium (make test does)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI and on these machines: Chromium's sandbox needs an unprivileged user.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: 30_000,
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
});

async function openPage(
  base: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: base });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      pageErrors.push(`${base}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => pageErrors.push(`${base}: ${err.message}`));
  await page.goto('/', { waitUntil: 'load', timeout: WAIT_MS });
  return page;
}

async function signedIn(page: Page): Promise<void> {
  await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  await page.locator('#goals').waitFor();
}

/** Registers through the page's own form (then the client logs in by itself). */
async function registerInPage(page: Page): Promise<{ username: string; user_id: string }> {
  const creds = newCredentials();
  const form = page.locator('form', {
    has: page.getByRole('heading', { name: 'Create an account' }),
  });
  await form.getByLabel('Username').fill(creds.username);
  await form.getByLabel('Email').fill(creds.email);
  await form.getByLabel('Password').fill(creds.password);
  await form.getByRole('button', { name: 'Register' }).click();
  await signedIn(page);
  const userId = await page.evaluate<string>(
    "JSON.parse(sessionStorage.getItem('fitness.session') ?? '{}').user_id",
  );
  return { username: creds.username, user_id: userId };
}

async function logInPage(page: Page, s: Session): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Log in' }) });
  await form.getByLabel('Email').fill(s.email);
  await form.getByLabel('Password').fill(s.password);
  await form.getByRole('button', { name: 'Log in' }).click();
  await signedIn(page);
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage, timeout: WAIT_MS });
}

describe('web client', () => {
  it('should be served at / by both replicas next to the API, its docs and metrics', async () => {
    for (const base of [A, B]) {
      const page = await fetch(`${base}/`, { signal: AbortSignal.timeout(5000) });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await page.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      const js = await fetch(`${base}${asset}`, { signal: AbortSignal.timeout(5000) });
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toMatch(/immutable/);
      // The API, its docs and metrics are where they were; an unknown path is still the API's 404.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/docs/json`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(200);
      const missing = await fetch(`${base}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBeDefined();
    }
  });

  it('should show two pages on the two replicas each other’s chat, exercise updates and session leaderboard', async () => {
    const [alice, bob] = await registerUsers(2);
    const pageA = await openPage(A);
    const pageB = await openPage(B);
    await Promise.all([logInPage(pageA, alice), logInPage(pageB, bob)]);

    const groupA = pageA.locator('#group');
    await groupA.getByLabel('Session name (optional)').fill('Lunch run');
    await groupA.getByRole('button', { name: 'Create session' }).click();
    const sessionId = await groupA.getByTestId('session-id').inputValue();
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const groupB = pageB.locator('#group');
    await groupB.getByLabel('Session id', { exact: true }).fill(sessionId);
    await groupB.getByRole('button', { name: 'Join session' }).click();
    await groupA.getByTestId('members').getByText(bob.username).waitFor();
    await groupB.getByTestId('members').getByText(alice.username).waitFor();

    await groupA.getByLabel('Message', { exact: true }).fill('hello from replica A');
    await groupA.getByLabel('Message', { exact: true }).press('Enter');
    await groupB.getByTestId('chat').getByText('hello from replica A').waitFor();
    await groupB.getByLabel('Message', { exact: true }).fill('hi from replica B');
    await groupB.getByRole('button', { name: 'Send', exact: true }).click();
    await groupA.getByTestId('chat').getByText('hi from replica B').waitFor();

    await groupA.getByLabel('Exercise', { exact: true }).fill('squats');
    await groupA.getByLabel('Value', { exact: true }).fill('20');
    await groupA.getByLabel('Unit', { exact: true }).fill('reps');
    await groupA.getByRole('button', { name: 'Send update' }).click();
    await groupB.getByTestId('exercise-log').getByText('squats 20 reps').waitFor();
    await groupB.getByLabel('Exercise', { exact: true }).fill('squats');
    await groupB.getByLabel('Value', { exact: true }).fill('25');
    await groupB.getByLabel('Unit', { exact: true }).fill('reps');
    await groupB.getByRole('button', { name: 'Send update' }).click();
    await groupA.getByTestId('exercise-log').getByText('squats 25 reps').waitFor();

    // The live session leaderboard (group_update "leaderboard"): bob first on both pages.
    for (const group of [groupA, groupB]) {
      const board = group.getByTestId('session-leaderboard');
      await board.locator('tbody tr').nth(1).waitFor();
      await expect(board.locator('tbody tr').first().innerText()).resolves.toContain(bob.username);
      await expect(board.locator('tbody tr').nth(1).innerText()).resolves.toContain(alice.username);
    }
    await groupA.scrollIntoViewIfNeeded();
    await pageA
      .locator('#group')
      .screenshot({ path: join(ARTIFACTS, 'group-session-replica-a.png') });
    await pageB
      .locator('#group')
      .screenshot({ path: join(ARTIFACTS, 'group-session-replica-b.png') });
  });

  it('should show a toast when ending a workout completes a goal', async () => {
    const page = await openPage(B);
    await registerInPage(page);
    const goals = page.locator('#goals');
    await goals.getByLabel('Goal type').selectOption('workouts');
    await goals.getByLabel('Target').fill('1');
    await goals.getByRole('button', { name: 'Add goal' }).click();
    await goals.locator('li.goal').waitFor();

    const workout = page.locator('#workout');
    await workout.getByLabel('Workout type').selectOption('cycling');
    await workout.getByRole('button', { name: 'Start workout' }).click();
    await workout.getByRole('button', { name: 'End workout' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Goal achieved' });
    await toast.waitFor();
    await goals.locator('li.goal.achieved').waitFor();
    await expect(goals.locator('progress').getAttribute('value')).resolves.toBe('1');
    await shot(page, 'goal-achieved-toast', false);
  });

  it('should render the statistics chart and the leaderboard with data', async () => {
    // Others on the leaderboard: two listed users with workouts this week.
    const others = await registerUsers(2);
    for (const [i, s] of others.entries()) {
      await expectStatus(
        api(A, s.token).PATCH('/users/{user_id}', {
          ...userPath(s.user_id),
          body: { leaderboard_visible: true },
        }),
        200,
      );
      for (let n = 0; n <= i; n += 1) {
        await quickWorkout(s, 'running');
      }
    }
    const me = await registerAndLogin();
    // A history of past weeks (as `make seed` makes one) so the chart has something to draw.
    const now = Date.now();
    const history = Array.from({ length: 14 }, (_, i) =>
      pastWorkout(
        `web-${me.user_id}-${i}`,
        ['running', 'cycling', 'yoga'][i % 3] ?? 'running',
        new Date(now - (i * 5 + 1) * 86_400_000),
        20 + i * 3,
      ),
    );
    await importWorkouts(me.user_id, history);
    await expectStatus(
      api(A, me.token).POST('/users/{user_id}/goals', {
        ...userPath(me.user_id),
        body: {
          goal_type: 'duration_minutes',
          target_value: 300,
          target_date: new Date(now + 20 * 86_400_000).toISOString(),
        },
      }),
      201,
    );
    await quickWorkout(me, 'strength');

    const page = await openPage(A);
    await logInPage(page, me);
    const stats = page.locator('#statistics');
    await expect(stats.getByTestId('total-workouts').innerText()).resolves.toBe('15');
    await stats.getByTestId('trend-chart').waitFor();
    const bars = stats.locator('svg[data-testid="trend-chart"] rect.bar');
    expect(await bars.count()).toBeGreaterThanOrEqual(12);
    const heights = await Promise.all(
      (await bars.all()).map(async (bar) => Number(await bar.getAttribute('height'))),
    );
    expect(heights.filter((h) => h > 0).length).toBeGreaterThanOrEqual(5);
    await stats.getByLabel('Chart').selectOption('calories_burned');
    await expect(stats.locator('svg title#chart-title').textContent()).resolves.toContain(
      'Calories',
    );
    await expect(stats.getByTestId('stats-types').innerText()).resolves.toContain('running');

    const board = page.locator('#leaderboard');
    await board.getByTestId('leaderboard-table').waitFor();
    await expect(board.getByTestId('my-rank').innerText()).resolves.toMatch(/Your rank: #\d+/);
    const listed = board.getByTestId('leaderboard-table');
    await listed.getByText(others[1]?.username ?? '').waitFor();
    await expect(listed.innerText()).resolves.not.toContain(me.username);
    // The user's own toggle: listed after it, under their name, marked as them.
    await board.getByLabel('Show me on the leaderboards').check();
    await listed.locator('tr.me').waitFor();
    await expect(listed.locator('tr.me').innerText()).resolves.toContain(me.username);
    await board.getByLabel('Period').selectOption('all');
    await listed.locator('tr.me').waitFor();
    await shot(page, 'web-desktop');
  });

  it('should work on a phone-sized screen (375×667): no horizontal overflow, every control reachable', async () => {
    const page = await openPage(A, { width: 375, height: 667 });
    await shot(page, 'phone-login', false);
    await registerInPage(page);
    await page.locator('#statistics svg').waitFor();
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // Every control lies within the screen's width, and is at least 24 px high (touch target).
    const outside = await page.evaluate<string[]>(`
      [...document.querySelectorAll('button, input, select, summary')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5 || r.height < 24))
        .map(({ el, r }) => el.outerHTML.slice(0, 80) + ' ' + JSON.stringify(r))
    `);
    expect(outside).toEqual([]);
    // Keyboard only: Tab reaches "Start workout", Enter starts it, focus moves to "End workout".
    await page.locator('#workout select').focus();
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate<string | undefined>('document.activeElement?.textContent'),
    ).resolves.toBe('Start workout');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'End workout' }).waitFor();
    await expect(
      page.evaluate<string | undefined>('document.activeElement?.textContent'),
    ).resolves.toBe('End workout');
    await page.keyboard.press('Enter');
    await page.locator('#workout').getByText('Workout saved').waitFor();
    await shot(page, 'phone');
  });

  it('should have logged no page error or CSP violation', () => {
    expect(pageErrors).toEqual([]);
  });
});
