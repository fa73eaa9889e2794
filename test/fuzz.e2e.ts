// Property-based fuzzing of the running system (fast-check) through both gateway replicas: every
// REST route and every Socket.IO event gets generated hostile input, from an anonymous client and
// from an authenticated one, and after every batch the stack must still be whole (no 5xx, no
// missing or INTERNAL ack, both breakers closed on both gateways, no process restarted); at the end
// a victim's data is unchanged and every fuzzing user's statistics and goals add up.
//
// Hostile requests go through a raw fetch helper (support/fuzz.ts) and raw Socket.IO packets on
// purpose: a typed client would not let them be sent (wrong types, duplicate keys, `-0`, deep
// nesting, malformed JSON, odd content types). Well-behaved calls (set-up, checks) use api().
//
// Bounded: every property has a number of runs and a share of a time budget (FUZZ_BUDGET_S,
// default 80 s, shrinking included): a quiet 2-core machine reaches the runs first, a loaded one
// the budget. The seed is printed at the start, a table of the inputs run per route and event at
// the end. Replay a run: FUZZ_SEED=<seed> [FUZZ_RUNS=<runs of every property>]; replay one
// counterexample (a failure prints the line): FUZZ_SEED=<seed> FUZZ_ONLY='<property>'
// FUZZ_PATH=<path> FUZZ_RUNS=1; with, e.g., node --experimental-vm-modules
// node_modules/jest/bin/jest.js --selectProjects system --runInBand test/fuzz.e2e.ts
// Inputs refer to users, workouts and sessions by placeholder (⟦self⟧, ⟦victim_workout⟧, …),
// resolved when sent, so a replay generates the same requests for the new run's users.
// Defects the fuzzer found are named cases at the end ("defects found by the fuzzer"): each fails
// until fixed, and the properties count its signature as `known` instead of stopping on it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { createSigner } from 'fast-jwt';
import { io } from 'socket.io-client';
import { stackEnv } from '../scripts/stack.mjs';
import { expectAck, expectStatus } from '@fitness/client';
import {
  A,
  B,
  api,
  registerAndLogin,
  registerUsers,
  sleep,
  userPath,
  type Session,
} from './support/api.js';
import { closeAll, connect, startGroupSession, waitFor } from './support/realtime.js';
import {
  RawEmitter,
  anonymousEvent,
  Tally,
  ackProblem,
  fieldValue,
  hostileString,
  hostileValue,
  isAlive,
  isErrorShape,
  logLinesWith,
  nestingDepth,
  objectBody,
  rawFetch,
  stackPids,
  toJsonText,
  utf16String,
  type AckOutcome,
  type Json,
  type RawResponse,
} from './support/fuzz.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const ONLY = process.env.FUZZ_ONLY;
const PATH = process.env.FUZZ_PATH;
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_S ?? 80) * 1000;
const ACK_TIMEOUT_MS = 3000;

jest.setTimeout(120_000);

// ---------------------------------------------------------------------------------------------
// The world the inputs refer to
// ---------------------------------------------------------------------------------------------

interface World {
  /** The REST fuzzing user. */
  self: Session;
  /** The Socket.IO fuzzing user. */
  sock: Session;
  victim: Session;
  /** Records group sessions to compare with what was acknowledged (its own create allowance). */
  recorder: Session;
  victimWorkoutActive: string;
  victimWorkoutEnded: string;
  victimSession: string;
  victimGoal: string;
  /** Goals of `self`, newest last, and those a PATCH changed (a raised target may stay achieved). */
  selfGoals: string[];
  patchedGoals: Set<string>;
  /** Workouts of `self`, newest last. */
  selfWorkouts: string[];
  /** Group sessions of `self` (REST) and of `sock` (live ones, newest last) and ended ones. */
  selfSession: string;
  sockSessions: string[];
  endedSessions: string[];
  expiredToken: string;
  noneToken: string;
  wrongKeyToken: string;
  tamperedToken: string;
}

let world: World;
let victimBefore: string;
let pidsBefore: Record<string, number>;
let budgetEnds = 0;
const rest = new Tally();
const sockets = new Tally();
const failures: string[] = [];
let requestNo = 0;

/** The newest of a list (its last), or a fresh id that names nothing when it is empty. */
const newest = (ids: string[]): string => ids[ids.length - 1] ?? randomUUID();

/** What each placeholder ⟦name⟧ of a generated string stands for in this run. */
const PLACEHOLDERS = new Map<string, () => string>([
  ['self', () => world.self.user_id],
  ['self_upper', () => world.self.user_id.toUpperCase()],
  [
    'self_pct',
    () => [...world.self.user_id].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
  ],
  ['self_email', () => world.self.email],
  ['self_password', () => world.self.password],
  ['sock', () => world.sock.user_id],
  ['victim', () => world.victim.user_id],
  ['victim_email', () => world.victim.email],
  ['victim_username', () => world.victim.username],
  ['victim_workout', () => world.victimWorkoutActive],
  ['victim_ended_workout', () => world.victimWorkoutEnded],
  ['victim_session', () => world.victimSession],
  ['my_workout', () => newest(world.selfWorkouts)],
  ['my_goal', () => newest(world.selfGoals)],
  ['victim_goal', () => world.victimGoal],
  ['self_session', () => world.selfSession],
  [
    'my_session',
    () =>
      world.sockSessions[world.sockSessions.length - 1] ?? world.endedSessions[0] ?? randomUUID(),
  ],
  ['ended_session', () => newest(world.endedSessions)],
  ['expired_token', () => world.expiredToken],
  ['none_token', () => world.noneToken],
  ['wrong_key_token', () => world.wrongKeyToken],
  ['tampered_token', () => world.tamperedToken],
]);

/** Replaces the placeholders of a generated string by this run's ids, times and tokens. */
function resolve(s: string): string {
  if (!s.includes('⟦')) {
    return s;
  }
  return s.replace(
    /⟦([a-z_]+)(?::([+-]?\d+))?(?::([a-z]+))?⟧/g,
    (all, name: string, offset?: string, format?: string) =>
      name === 't'
        ? timeText(Date.now() + Number(offset ?? 0), format ?? 'iso')
        : (PLACEHOLDERS.get(name)?.() ?? all),
  );
}

function timeText(ms: number, format: string): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  switch (format) {
    case 'date':
      return iso.slice(0, 10);
    case 'offset': {
      // The same instant at +05:30.
      const shifted = new Date(ms + 5.5 * 3600_000).toISOString();
      return `${shifted.slice(0, 19)}+05:30`;
    }
    case 'nanos':
      return `${iso.slice(0, 19)}.123456789Z`;
    case 'nozone':
      return iso.slice(0, 19);
    case 'epoch':
      return String(ms);
    case 'space':
      return iso.replace('T', ' ');
    default:
      return iso;
  }
}

const mentionsVictim = (s: string): boolean => s.includes('⟦victim');

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const place = (...names: string[]): fc.Arbitrary<string> =>
  fc.constantFrom(...names.map((n) => `⟦${n}⟧`));

/** Percent-encoding that also carries lone surrogates (as the bytes WTF-8 would give them). */
function pctEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** A path segment: an id of this run, a hostile string percent-encoded, or a raw trick. */
const segment = (...ids: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: place(...ids) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 2, arbitrary: hostileString().map((s) => pctEncode(s.slice(0, 3000))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '..',
        '%2e%2e',
        '..%2f..%2f..%2fetc%2fpasswd',
        '%2e%2e%5c%2e%2e%5c',
        '%00',
        '%',
        '%zz',
        '%ff',
        '%c0%ae%c0%ae',
        ';',
        'a;b=c',
        '%2f',
        '~',
        '*',
        '⟦self⟧%00',
        '⟦self⟧%20',
        '⟦self⟧.json',
        '⟦self_upper⟧',
        '⟦self_pct⟧',
        '%7B%22%24gt%22%3A%22%22%7D',
        'a'.repeat(5000),
        '__proto__',
        'constructor',
      ),
    },
  );

const queryKey = fc.oneof(
  fc.constantFrom(
    'limit',
    'cursor',
    '__proto__',
    'constructor',
    'constructor[prototype][x]',
    'limit[]',
    'limit[0]',
    'a[b][c]',
    '$where',
    '',
  ),
  fc.string({ maxLength: 6 }).map(pctEncode),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 8 }).map(pctEncode),
  hostileString().map((s) => pctEncode(s.slice(0, 2000))),
  fc.constantFrom('%', '%zz', '%00', '&', '=', '%26%3D', '+', ''),
);
const junkQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(queryKey, queryValue), { minLength: 1, maxLength: 4 })
  .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);

const cursorText = fc.oneof(
  // Cursor-shaped: base64url of JSON whose fields are hostile.
  fc
    .record({
      t: fieldValue(
        fc.constantFrom<Json>(
          '2020-01-01T00:00:00.000Z',
          '2099-01-01T00:00:00.000Z',
          '+275760-09-13T00:00:00Z',
          '-271821-04-20T00:00:00Z',
          '0',
          '2020',
          'x',
        ),
      ),
      id: fieldValue(fc.oneof(fc.uuid(), fc.constantFrom('zzzz', ''))),
    })
    .map(({ t, id }) =>
      Buffer.from(`{"t":${toJsonText(t)},"id":${toJsonText(id)}}`).toString('base64url'),
    ),
  fc.base64String({ maxLength: 40 }),
  hostileString().map((s) => pctEncode(s.slice(0, 1000))),
  fc.constantFrom('', 'e30', 'W10', 'bnVsbA', '%', 'a'.repeat(600)),
);

const limitText = fc.oneof(
  fc.constantFrom(
    '1',
    '20',
    '100',
    '101',
    '0',
    '-1',
    '1e2',
    '0x10',
    '1.5',
    'NaN',
    'Infinity',
    '-0',
    ' 5',
    '5%20',
    '%00',
    '1,2',
    '9'.repeat(400),
    '',
  ),
  fc.integer().map(String),
);

const workoutsQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .tuple(fc.option(limitText, { nil: undefined }), fc.option(cursorText, { nil: undefined }))
    .map(([l, c]) => {
      const parts = [
        ...(l === undefined ? [] : [`limit=${l}`]),
        ...(c === undefined ? [] : [`cursor=${c}`]),
      ];
      return parts.length ? `?${parts.join('&')}` : '';
    }),
  fc.tuple(limitText, limitText).map(([a, b]) => `?limit=${a}&limit=${b}`),
  fc.tuple(cursorText, cursorText).map(([a, b]) => `?cursor=${a}&cursor=${b}`),
  fc.constantFrom(
    '?limit[]=1',
    '?limit[a]=1',
    '?cursor[]=x',
    '?cursor[$gt]=',
    '?limit=1&__proto__[x]=1',
    '?constructor[prototype][limit]=1',
  ),
  junkQuery,
);

const ISO_NEAR_NOW = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: -3_600_000, max: 600_000 }),
      fc.constantFrom(0, 1000, -1, 300_001, 86_400_001, -86_400_000, 10 * 365 * 86_400_000),
    ),
    fc.constantFrom('iso', 'date', 'offset', 'nanos', 'nozone', 'epoch', 'space'),
  )
  .map(([offset, format]) => `⟦t:${offset}:${format}⟧`);

const dateString: fc.Arbitrary<Json> = fc.oneof(
  ISO_NEAR_NOW,
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2030-12-31',
    '2030-12-31T24:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2030-06-01T12:00:00+99:99',
    '2030-06-01T12:00:00.1234567890123Z',
    '2030-06-01',
    'tomorrow',
    '0',
    '',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const email = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{4,12}$/).map((s) => `fz.${s}@example.com`),
  place('self_email', 'victim_email'),
  fc.constantFrom(
    'A@B.CO',
    '"quoted"@example.com',
    'x@localhost',
    'ü@exämple.com',
    `${'a'.repeat(250)}@example.com`,
    '@example.com',
    'a@',
  ),
);
const username = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{4,12}$/).map((s) => `fz_${s}`),
  place('victim_username'),
  fc.constantFrom('ab', 'a'.repeat(33), 'Constructor', '__proto__', 'a.b-c_d'),
);
const password = fc.oneof(
  place('self_password'),
  fc.string({ minLength: 8, maxLength: 20 }),
  fc.constantFrom('1234567', 'p'.repeat(129)),
);
const workoutType = fc.oneof(
  fc.constantFrom(
    'running',
    'cycling',
    'yoga',
    'HIIT',
    'constructor',
    'toString',
    'hasOwnProperty',
    '__proto__',
    'valueOf',
    'a'.repeat(32),
    'a'.repeat(33),
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/),
);
const uuidLike = (...names: string[]): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 6, arbitrary: place(...names) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('⟦self_upper⟧', '⟦self⟧ ', '') },
  );

// ---------------------------------------------------------------------------------------------
// REST
// ---------------------------------------------------------------------------------------------

type Who = 'anon' | 'auth';
type Body = { json: Json } | { text: string } | { bytes: number[] };

interface RestInput {
  who: Who;
  /** Authorization header (placeholders allowed); the fuzzing user's token when `auth`. */
  authorization?: string;
  gw: 0 | 1;
  method: string;
  path: string;
  query: string;
  contentType?: string;
  /** Other headers now and then: encodings, a hostile correlation id, Accept. */
  headers: [string, string][];
  body?: Body;
}

interface RouteSpec {
  name: string;
  /** Runs of the authenticated property when not PROPERTY.restAuth's (argon2 makes some routes slow). */
  runs?: number;
  method: string;
  path: fc.Arbitrary<string>;
  query?: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Json>;
  isPublic?: boolean;
}

const usersPath = (suffix: string): fc.Arbitrary<string> =>
  segment('self', 'self', 'self', 'victim', 'sock').map((id) => `/users/${id}${suffix}`);

const goalPath: fc.Arbitrary<string> = fc
  .tuple(segment('self', 'self', 'self', 'victim'), segment('my_goal', 'my_goal', 'victim_goal'))
  .map(([user, goal]) => `/users/${user}/goals/${goal}`);

const ROUTES: RouteSpec[] = [
  {
    name: 'POST /users/register',
    runs: 100,
    method: 'POST',
    path: fc.constant('/users/register'),
    isPublic: true,
    body: objectBody({
      username: username,
      email: email,
      password: password,
    }),
  },
  {
    name: 'POST /users/login',
    runs: 100,
    method: 'POST',
    path: fc.constant('/users/login'),
    isPublic: true,
    body: objectBody({ email: email, password: password }),
  },
  { name: 'GET /users/:user_id', method: 'GET', path: usersPath('') },
  {
    name: 'PATCH /users/:user_id',
    method: 'PATCH',
    path: usersPath(''),
    body: objectBody({
      username: username,
      weight_kg: fc.double({ min: 20, max: 500, noNaN: true }),
      height_cm: fc.double({ min: 50, max: 300, noNaN: true }),
    }),
  },
  {
    name: 'POST /users/:user_id/goals',
    method: 'POST',
    path: usersPath('/goals'),
    body: objectBody({
      goal_type: fc.constantFrom('workouts', 'duration_minutes', 'calories', 'Workouts', 'steps'),
      target_value: fc.oneof(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
      ),
      target_date: dateString,
    }),
  },
  { name: 'GET /users/:user_id/goals', method: 'GET', path: usersPath('/goals') },
  {
    name: 'POST /users/:user_id/goals (period, workout_type)',
    method: 'POST',
    path: usersPath('/goals'),
    body: objectBody({
      goal_type: fc.constantFrom('workouts', 'duration_minutes', 'calories'),
      target_value: fc.integer({ min: 1, max: 10_000 }),
      target_date: dateString,
      period: fc.constantFrom('once', 'week', 'month', 'Week', 'daily', 'constructor', '__proto__'),
      workout_type: workoutType,
    }),
  },
  {
    name: 'GET /users/:user_id/goals?status',
    method: 'GET',
    path: usersPath('/goals'),
    query: fc.oneof(
      fc.constantFrom('active', 'achieved', 'expired').map((v) => `?status=${v}`),
      fc.constantFrom(
        '?status=',
        '?status=ACTIVE',
        '?status=constructor',
        '?status=__proto__',
        '?status[]=active',
        '?status=active&status=expired',
        '?status[$ne]=x',
        '?status=%00',
      ),
      junkQuery,
    ),
  },
  {
    name: 'PATCH /users/:user_id/goals/:goal_id',
    method: 'PATCH',
    path: goalPath,
    body: objectBody({
      target_value: fc.oneof(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
      ),
      target_date: dateString,
    }),
  },
  { name: 'DELETE /users/:user_id/goals/:goal_id', method: 'DELETE', path: goalPath },
  {
    name: 'POST /workouts/start',
    method: 'POST',
    path: fc.constant('/workouts/start'),
    body: objectBody({
      user_id: uuidLike('self', 'self', 'victim', 'sock'),
      workout_type: workoutType,
    }),
  },
  {
    name: 'POST /workouts/:session_id/end',
    method: 'POST',
    path: segment(
      'fresh_workout',
      'fresh_workout',
      'my_workout',
      'victim_workout',
      'victim_ended_workout',
    ).map((id) => `/workouts/${id}/end`),
    body: objectBody({ end_time: dateString }),
  },
  {
    name: 'GET /users/:user_id/workouts',
    method: 'GET',
    path: usersPath('/workouts'),
    query: workoutsQuery,
  },
  { name: 'GET /users/:user_id/statistics', method: 'GET', path: usersPath('/statistics') },
  {
    name: 'GET /group-sessions/:session_id',
    method: 'GET',
    path: segment('self_session', 'victim_session', 'my_session', 'ended_session').map(
      (id) => `/group-sessions/${id}`,
    ),
  },
  { name: 'GET /users/:user_id/group-sessions', method: 'GET', path: usersPath('/group-sessions') },
  {
    name: 'unknown routes and methods',
    method: 'GET',
    path: fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'users',
            'workouts',
            'group-sessions',
            'goals',
            'admin',
            'docs',
            'metrics',
            '.env',
            'socket.io',
            '⟦self⟧',
          ),
          segment('self'),
        ),
        {
          minLength: 0,
          maxLength: 4,
        },
      )
      .map((parts) => `/${parts.join('/')}`),
    body: hostileValue(),
  },
];

const ODD_METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PROPFIND',
  'SEARCH',
  'PURGE',
  'FOO',
  'patch',
  'get',
];
const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;',
  'application/vnd.api+json',
  'application/json, text/plain',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '*/*',
  'application/octet-stream',
  'application',
];
const MALFORMED = [
  '',
  ' ',
  '{',
  '[',
  '{"a":}',
  "{'a':1}",
  '{a:1}',
  '{"a":1,}',
  '\ufeff{"a":1}',
  '{"a":"\\x"}',
  '{"a":"\\ud800"}',
  '{"a":1}{"b":2}',
  'null',
  'true',
  '"text"',
  '123',
  '[]',
  'NaN',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
];
/** Header values fetch sends as they are (printable ASCII). */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const forgedAuthorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNzd29yZA==',
    'Bearer ⟦expired_token⟧',
    'Bearer ⟦none_token⟧',
    'Bearer ⟦wrong_key_token⟧',
    'Bearer ⟦tampered_token⟧',
    'Bearer a.b.c',
    'Bearer null',
  ),
  headerText.map((t) => `Bearer ${t}`),
  headerText,
);

function bodyFor(route: RouteSpec): fc.Arbitrary<Body | undefined> {
  const json = route.body ?? hostileValue();
  return fc.oneof(
    { weight: 10, arbitrary: json.map((j): Body => ({ json: j })) },
    { weight: 1, arbitrary: hostileValue().map((j): Body => ({ json: j })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(...MALFORMED),
          json.chain((j) => {
            const text = toJsonText(j);
            return fc.nat(Math.max(0, text.length - 1)).map((n) => text.slice(0, n));
          }),
        )
        .map((text): Body => ({ text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('email', 'username', 'end_time', 'workout_type', 'goal_type'),
          fc.uint8Array({ minLength: 1, maxLength: 12 }),
        )
        .map(([field, bytes]): Body => ({
          bytes: [
            ...Buffer.from(`{"${field}":"`),
            0xff,
            ...bytes,
            0xc0,
            0x80,
            ...Buffer.from('"}'),
          ],
        })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function restInput(route: RouteSpec, who: Who): fc.Arbitrary<RestInput> {
  return fc.record({
    who: fc.constant(who),
    authorization:
      who === 'auth'
        ? fc.constantFrom('Bearer ⟦self_token⟧', 'bearer ⟦self_token⟧', '  Bearer ⟦self_token⟧  ')
        : forgedAuthorization,
    gw: fc.constantFrom<0 | 1>(0, 1),
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
    ),
    path: route.path,
    query: fc.oneof(
      { weight: 6, arbitrary: route.query ?? fc.constant('') },
      { weight: 1, arbitrary: junkQuery },
    ),
    contentType: fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    headers: fc.oneof(
      { weight: 8, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 1,
        arbitrary: fc.array(
          fc.oneof(
            fc.tuple(
              fc.constant('content-encoding'),
              fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-nope', 'gzip, gzip'),
            ),
            fc.tuple(fc.constant('x-correlation-id'), headerText),
            fc.tuple(
              fc.constant('accept'),
              fc.constantFrom('application/xml', 'text/html', '*/*;q=0', 'application/json;q=x'),
            ),
            fc.tuple(
              fc.constant('x-forwarded-for'),
              fc.constantFrom('127.0.0.2', '::1, 10.0.0.1', 'x'),
            ),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      },
    ),
    body: bodyFor(route),
  });
}

/** A defect the fuzzer found, with its named regression case below: counted, not re-reported. */
interface KnownDefect<I, O> {
  name: string;
  matches(input: I, outcome: O): boolean;
}

const fastifyShape = (r: RawResponse): boolean =>
  typeof r.json === 'object' &&
  r.json !== null &&
  typeof (r.json as { statusCode?: unknown }).statusCode === 'number';

const KNOWN_REST: KnownDefect<RestInput, RawResponse>[] = [
  {
    name: 'deep JSON body → 500 (class-transformer recursion)',
    matches: (input, r) =>
      r.status === 500 &&
      input.body !== undefined &&
      'json' in input.body &&
      nestingDepth(input.body.json) > 200,
  },
  {
    name: "HTTP parser refusals (unknown method, header too large) in Fastify's shape, not the API's",
    matches: (_input, r) =>
      r.status >= 400 && r.status < 500 && !isErrorShape(r.json) && fastifyShape(r),
  },
];

const knownHits = new Map<string, number>();

function bodyBytes(body: Body | undefined): string | Uint8Array | undefined {
  if (body === undefined) {
    return undefined;
  }
  if ('json' in body) {
    return toJsonText(body.json, resolve);
  }
  if ('text' in body) {
    return resolve(body.text);
  }
  return Uint8Array.from(body.bytes);
}

/** Goals the fuzzing user created (the next PATCH or DELETE aims at them) and changed. */
function trackGoal(route: RouteSpec, input: RestInput, res: RawResponse): void {
  if (input.method !== route.method || res.status < 200 || res.status >= 300) {
    return;
  }
  const goalId = (res.json as { goal_id?: unknown } | null)?.goal_id;
  if (typeof goalId !== 'string') {
    return;
  }
  if (route.name.startsWith('POST /users/:user_id/goals')) {
    world.selfGoals.push(goalId);
  } else if (route.name === 'PATCH /users/:user_id/goals/:goal_id') {
    world.patchedGoals.add(goalId);
  }
}

/** Starts a workout of the REST fuzzing user, for `⟦fresh_workout⟧` (not an input: no tally). */
async function freshWorkout(): Promise<string> {
  const id = await startWorkout(world.self, 'running');
  world.selfWorkouts.push(id);
  return id;
}

async function sendRest(route: RouteSpec, input: RestInput): Promise<void> {
  let path = input.path + input.query;
  if (path.includes('⟦fresh_workout⟧')) {
    path = path.replaceAll('⟦fresh_workout⟧', await freshWorkout());
  }
  const correlationId = `fuzz-${SEED}-${++requestNo}`;
  // A hostile correlation id among the input's headers replaces ours (no log lookup then).
  const headers: Record<string, string> = {
    'x-correlation-id': correlationId,
    ...Object.fromEntries(input.headers),
  };
  if (input.authorization !== undefined) {
    headers.authorization = resolve(
      input.authorization.replaceAll('⟦self_token⟧', world.self.token),
    );
  }
  const noBody = ['GET', 'HEAD', 'get'].includes(input.method);
  if (input.contentType !== undefined && !noBody) {
    headers['content-type'] = input.contentType;
  }
  const body = noBody ? undefined : bodyBytes(input.body);
  const request = { method: input.method, path: resolve(path), headers, body };
  let res = await rawFetch(input.gw ? B : A, request);
  if (res.status === 0 && !tooLarge(body)) {
    // Once more on a new connection: a keep-alive connection the server had just closed.
    res = await rawFetch(input.gw ? B : A, {
      ...request,
      headers: { ...headers, connection: 'close' },
    });
  }
  if (res.status === -1) {
    // Not sent: fetch refused it (not the system's doing).
    rest.add(route.name, input.who, 'unsent');
    return;
  }
  const known = KNOWN_REST.find((k) => k.matches(input, res));
  rest.add(route.name, input.who, res.status ? String(res.status) : 'reset', known !== undefined);
  if (known) {
    knownHits.set(known.name, (knownHits.get(known.name) ?? 0) + 1);
    return;
  }
  trackGoal(route, input, res);
  const problem =
    restProblem(route, input, res) ??
    (input.method === route.method ? await readBackProblem(route, res, input.gw) : undefined);
  if (problem) {
    const logs = res.status >= 500 ? logLinesWith(correlationId, 8) : [];
    throw new Error(
      [
        `${problem}: ${input.method} ${resolve(path).slice(0, 300)} → ${res.status} ${res.text.slice(0, 400)}`,
        `correlation id ${headers['x-correlation-id']}`,
        ...logs,
      ].join('\n'),
    );
  }
}

/**
 * Read your writes: what a successful write answered is what a read on the other gateway shows
 * right after (profile cache invalidation, goal and workout storage).
 */
async function readBackProblem(
  route: RouteSpec,
  res: RawResponse,
  gw: 0 | 1,
): Promise<string | undefined> {
  if (res.status < 200 || res.status >= 300 || typeof res.json !== 'object' || res.json === null) {
    return undefined;
  }
  const me = world.self;
  const other = api(gw ? A : B, me.token);
  const written = res.json as Record<string, unknown>;
  if (route.name === 'PATCH /users/:user_id') {
    const read = await expectStatus(other.GET('/users/{user_id}', userPath(me.user_id)), 200);
    return JSON.stringify(read) === JSON.stringify(written)
      ? undefined
      : `the profile read back is ${JSON.stringify(read)}, the PATCH answered ${res.text}`;
  }
  if (route.name === 'POST /users/:user_id/goals') {
    const read = await expectStatus(other.GET('/users/{user_id}/goals', userPath(me.user_id)), 200);
    const goal = read.items.find((g) => g.goal_id === written.goal_id);
    const same =
      goal !== undefined &&
      goal.goal_type === written.goal_type &&
      goal.target_value === written.target_value &&
      goal.target_date === written.target_date;
    return same ? undefined : `goal ${res.text} read back as ${JSON.stringify(goal)}`;
  }
  if (route.name === 'POST /workouts/:session_id/end' || route.name === 'POST /workouts/start') {
    const read = await expectStatus(
      other.GET('/users/{user_id}/workouts', {
        params: { path: { user_id: me.user_id }, query: { limit: 100 } },
      }),
      200,
    );
    const w = read.items.find((x) => x.session_id === written.session_id);
    const ended = route.name === 'POST /workouts/:session_id/end';
    const same =
      w !== undefined &&
      w.status === (ended ? 'ended' : 'active') &&
      (!ended ||
        (w.duration === written.duration && w.calories_burned === written.calories_burned));
    return same ? undefined : `workout ${res.text} read back as ${JSON.stringify(w)}`;
  }
  return undefined;
}

/** A body past BODY_LIMIT: the gateway may answer 413 and close before reading it all. */
function tooLarge(body: string | Uint8Array | undefined): boolean {
  return body !== undefined && Buffer.byteLength(body) > 65_536;
}

/** What answers without a token: the documentation, the probes and the web client's files. */
const PUBLIC_PATHS = /^\/(docs|healthz|readyz|metrics|assets|index\.html)(\/|\?|$)|^\/(\?|$)/;

function restProblem(route: RouteSpec, input: RestInput, res: RawResponse): string | undefined {
  if (res.status === 0) {
    return tooLarge(bodyBytes(input.body)) ? undefined : `no answer (${res.text})`;
  }
  if (res.status >= 500) {
    return 'a 5xx';
  }
  // Engine.io answers /socket.io/ itself (its handshake, CORS preflights, its own error shape):
  // not the REST API, so no 5xx is all that is asked of it.
  if (URL.parse(`${A}${resolve(input.path)}`)?.pathname.startsWith('/socket.io/')) {
    return undefined;
  }
  if (res.status >= 400 && input.method !== 'HEAD' && !isErrorShape(res.json)) {
    return 'an error not in the one shape {error: {code, message}}';
  }
  if (res.status === 429 && !res.headers.get('retry-after')) {
    return 'a 429 without Retry-After';
  }
  const succeeded = res.status >= 200 && res.status < 300;
  if (
    succeeded &&
    input.who === 'anon' &&
    !route.isPublic &&
    // As sent: fetch resolves dot segments (/users/.. is /, the web client's page).
    !PUBLIC_PATHS.test(URL.parse(`${A}${resolve(input.path)}`)?.pathname ?? resolve(input.path))
  ) {
    return 'served without a valid token';
  }
  if (succeeded && mentionsVictim(input.path)) {
    return "served on the victim's resource";
  }
  if (
    succeeded &&
    input.body &&
    'json' in input.body &&
    route.name === 'POST /workouts/start' &&
    /"user_id":"⟦victim⟧"/.test(toJsonText(input.body.json))
  ) {
    return 'started a workout for the victim';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Socket.IO
// ---------------------------------------------------------------------------------------------

interface SocketInput {
  gw: 0 | 1;
  /** The JSON of each argument after the event name (usually one payload). */
  args: Json[];
}

const sessionRef = (...extra: string[]): fc.Arbitrary<Json> =>
  uuidLike('my_session', 'my_session', 'victim_session', 'ended_session', 'self_session', ...extra);
const selfRef = uuidLike('sock', 'sock', 'sock', 'victim', 'self');
const message = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    'line one\nline two\r\n',
    'x'.repeat(1000),
    'x'.repeat(1001),
    '🏃'.repeat(500),
    '🏃'.repeat(501),
    '\t',
    '\u2028',
  ),
  utf16String(),
);

const EVENTS: { name: string; payload: fc.Arbitrary<Json> }[] = [
  {
    name: 'create_group_session',
    payload: objectBody({
      workout_type: workoutType,
      name: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('x'.repeat(81), '')),
    }),
  },
  {
    name: 'join_group_session',
    payload: objectBody({ user_id: selfRef, session_id: sessionRef() }),
  },
  { name: 'leave_group_session', payload: objectBody({ session_id: sessionRef() }) },
  {
    name: 'send_message',
    payload: objectBody({
      user_id: selfRef,
      session_id: sessionRef(),
      message: message,
    }),
  },
  {
    name: 'exercise_update',
    payload: objectBody({
      session_id: sessionRef(),
      exercise: fc.oneof(
        fc.constantFrom(
          'burpees',
          'squats',
          '__proto__',
          'constructor',
          'x'.repeat(64),
          'x'.repeat(65),
        ),
        fc.string({ minLength: 1, maxLength: 10 }),
      ),
      value: fc.oneof(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1_000_001, noNaN: true }),
      ),
      unit: fc.oneof(
        fc.constantFrom('reps', 'kg', 'x'.repeat(16), 'x'.repeat(17)),
        fc.string({ minLength: 1, maxLength: 4 }),
      ),
    }),
  },
  { name: 'end_group_session', payload: objectBody({ session_id: sessionRef() }) },
];

function socketInput(payload: fc.Arbitrary<Json>): fc.Arbitrary<SocketInput> {
  return fc.record({
    gw: fc.constantFrom<0 | 1>(0, 1),
    args: fc.oneof(
      { weight: 12, arbitrary: payload.map((p) => [p]) },
      { weight: 1, arbitrary: fc.constant<Json[]>([]) },
      { weight: 1, arbitrary: fc.tuple(payload, hostileValue()).map((t): Json[] => [...t]) },
      { weight: 1, arbitrary: hostileValue().map((v) => [v]) },
    ),
  });
}

const emitters: (RawEmitter | undefined)[] = [undefined, undefined];

async function emitterFor(gw: 0 | 1): Promise<RawEmitter> {
  const current = emitters[gw];
  if (current?.socket.connected) {
    return current;
  }
  const client = await connect(gw ? B : A, world.sock.token);
  const emitter = new RawEmitter(client.socket);
  emitters[gw] = emitter;
  return emitter;
}

const KNOWN_SOCKET: KnownDefect<{ event: string; input: SocketInput }, AckOutcome>[] = [
  {
    name: 'an unknown event is never answered (no ack)',
    matches: ({ event }, outcome) =>
      !EVENTS.some((e) => e.name === event) && outcome.kind === 'timeout',
  },
  {
    name: 'a nested "constructor" key in a socket payload → INTERNAL ack (class-transformer)',
    matches: ({ input }, outcome) =>
      outcome.kind === 'ack' &&
      ackProblem(outcome.args) === 'a refusal with code INTERNAL' &&
      input.args.some((a) => toJsonText(a).includes('"constructor":')),
  },
  {
    name: 'deep socket payload → INTERNAL ack (class-transformer recursion)',
    matches: ({ input }, outcome) =>
      outcome.kind === 'ack' &&
      ackProblem(outcome.args) === 'a refusal with code INTERNAL' &&
      Math.max(0, ...input.args.map(nestingDepth)) > 200,
  },
];

async function sendEvent(event: string, input: SocketInput): Promise<void> {
  const emitter = await emitterFor(input.gw);
  const argsText = input.args.map((a) => toJsonText(a, resolve));
  const outcome = await emitter.emit(event, argsText, ACK_TIMEOUT_MS);
  const label = outcome.kind === 'ack' ? ackLabel(outcome.args) : outcome.kind;
  const known = KNOWN_SOCKET.find((k) => k.matches({ event, input }, outcome));
  const row = EVENTS.some((e) => e.name === event) ? event : `(unknown) ${JSON.stringify(event)}`;
  sockets.add(row, 'auth', label, known !== undefined);
  if (known) {
    knownHits.set(known.name, (knownHits.get(known.name) ?? 0) + 1);
    return;
  }
  const text = argsText.join(',');
  const problem =
    outcome.kind === 'ack'
      ? (ackProblem(outcome.args) ?? eventProblem(event, input, outcome.args))
      : `no ack (${outcome.kind} after ${Math.round(outcome.ms)} ms)`;
  if (outcome.kind === 'ack') {
    adopt(event, argsText, outcome.args[0]);
  }
  if (problem) {
    throw new Error(
      [
        `${problem}: ${event} ${text.slice(0, 400)} → ${outcome.kind === 'ack' ? JSON.stringify(outcome.args).slice(0, 400) : outcome.kind}`,
        ...socketLogs(event),
      ].join('\n'),
    );
  }
}

function ackLabel(args: unknown[]): string {
  const ack = args[0] as { ok?: unknown; error?: { code?: unknown } } | undefined;
  return ack?.ok === true
    ? 'ok'
    : typeof ack?.error?.code === 'string'
      ? ack.error.code
      : 'malformed';
}

function eventProblem(event: string, input: SocketInput, args: unknown[]): string | undefined {
  const ok = (args[0] as { ok?: unknown }).ok === true;
  const text = input.args.map((a) => toJsonText(a)).join(',');
  if (ok && /"user_id":"⟦victim⟧"/.test(text)) {
    return 'acted as the victim';
  }
  if (ok && event === 'end_group_session' && text.includes('⟦victim_session⟧')) {
    return "ended the victim's session";
  }
  return undefined;
}

/** Follows the sessions the fuzzing socket user creates and ends, so inputs reach live ones. */
function adopt(event: string, argsText: string[], ack: unknown): void {
  const a = ack as { ok?: unknown; session_id?: unknown };
  if (a.ok !== true) {
    return;
  }
  if (event === 'create_group_session' && typeof a.session_id === 'string') {
    world.sockSessions.push(a.session_id);
  }
  if (event === 'end_group_session') {
    // The session the event named, as sent (the last duplicate key wins, as on the server).
    const sent = JSON.parse(argsText[0] ?? '{}') as { session_id?: unknown };
    if (typeof sent.session_id === 'string') {
      const id = sent.session_id.toLowerCase();
      world.sockSessions = world.sockSessions.filter((x) => x !== id);
      world.endedSessions.push(id);
    }
  }
}

function socketLogs(event: string): string[] {
  return logLinesWith(`${event} of ${world.sock.user_id}`, 6);
}

/** Replenishes the socket user's live sessions (at most GROUP_SESSIONS_PER_MINUTE a minute). */
async function topUpSessions(): Promise<void> {
  if (world.sockSessions.length > 0) {
    return;
  }
  const emitter = await emitterFor(0);
  const outcome = await emitter.emit(
    'create_group_session',
    ['{"workout_type":"hiit"}'],
    ACK_TIMEOUT_MS,
  );
  if (outcome.kind === 'ack') {
    adopt('create_group_session', [], outcome.args[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Running properties, and the checks after every batch
// ---------------------------------------------------------------------------------------------

interface Readyz {
  details?: Record<string, { status?: string; breaker?: string }>;
}

/** Breakers closed on both gateways and every process the one that was started. */
async function stackProblems(): Promise<string[]> {
  const problems: string[] = [];
  for (const base of [A, B]) {
    try {
      const ready = await rawFetch(base, { method: 'GET', path: '/readyz' }, 5000);
      const details = (ready.json as Readyz | undefined)?.details ?? {};
      for (const upstream of ['user', 'activity']) {
        if (details[upstream]?.breaker !== 'closed') {
          problems.push(
            `${base} /readyz: ${upstream} breaker ${details[upstream]?.breaker ?? 'missing'} (${ready.status} ${ready.text.slice(0, 300)})`,
          );
        }
      }
    } catch (err) {
      problems.push(`${base} /readyz did not answer: ${String(err)}`);
    }
  }
  const pids = stackPids();
  for (const [name, pid] of Object.entries(pidsBefore)) {
    if (pids[name] !== pid) {
      problems.push(`${name} restarted: pid ${pid} → ${pids[name] ?? 'none'}`);
    } else if (!isAlive(pid)) {
      problems.push(`${name} (pid ${pid}) is not running`);
    }
  }
  return problems;
}

const timings: string[] = [];

/** One property as one batch: bounded runs and time, then the stack must still be whole. */
async function fuzz<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  predicate: (input: T) => Promise<void>,
  { runs, weight, minMs = 300 }: Property,
): Promise<void> {
  if (ONLY && !name.includes(ONLY)) {
    return;
  }
  const started = Date.now();
  // Its share of the budget (a quiet machine reaches `runs` first, a loaded one this limit);
  // past the budget a property still runs briefly (`minMs`: enough for one run).
  const share = (BUDGET_MS * weight) / TOTAL_WEIGHT;
  const limit = Math.max(minMs, Math.min(share, budgetEnds - started));
  let failure: unknown;
  try {
    await fc.assert(fc.asyncProperty(arb, predicate), {
      seed: SEED,
      numRuns: RUNS ?? runs,
      ...(PATH ? { path: PATH } : {}),
      includeErrorInReport: true,
      plugins: [fc.interruptAfterTimeLimit(limit)],
    });
  } catch (err) {
    // The budget spent before a first run finished (a loaded machine) is no failure.
    failure =
      err instanceof Error && /interrupted after 0 tests/.test(err.message) ? undefined : err;
  }
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const message = failure instanceof Error ? failure.message : JSON.stringify(failure);
  const problems = await stackProblems();
  const report = [
    ...(failure
      ? [
          `${message}\nreplay: FUZZ_SEED=${SEED} FUZZ_ONLY='${name}' FUZZ_PATH=${/path: "([^"]+)"/.exec(message)?.[1] ?? '<path above>'} FUZZ_RUNS=1`,
        ]
      : []),
    ...problems.map((p) => `after ${name}: ${p}`),
  ];
  if (report.length > 0) {
    failures.push(`${name}: ${report.join('\n')}`);
    throw new Error(report.join('\n\n'));
  }
}

// ---------------------------------------------------------------------------------------------
// Victim and statistics
// ---------------------------------------------------------------------------------------------

/** The victim's data as the victim reads it. */
async function victimState(): Promise<string> {
  const v = world.victim;
  const client = api(A, v.token);
  const path = userPath(v.user_id);
  const session = await expectStatus(
    client.GET('/group-sessions/{session_id}', {
      params: { path: { session_id: world.victimSession } },
    }),
    200,
  );
  return JSON.stringify({
    profile: await expectStatus(client.GET('/users/{user_id}', path), 200),
    goals: await expectStatus(client.GET('/users/{user_id}/goals', path), 200),
    workouts: await expectStatus(
      client.GET('/users/{user_id}/workouts', {
        params: { path: { user_id: v.user_id }, query: { limit: 100 } },
      }),
      200,
    ),
    statistics: await expectStatus(client.GET('/users/{user_id}/statistics', path), 200),
    session: [session.status, session.creator_id, session.started_at],
  });
}

interface EndedWorkout {
  workout_type: string;
  end_time: string;
  duration: number;
  calories_burned: number;
}

/** Every ended workout of a user, all pages (REST ones and group-session participations). */
async function endedWorkouts(s: Session): Promise<EndedWorkout[]> {
  const client = api(A, s.token);
  const ended: EndedWorkout[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await expectStatus(
      client.GET('/users/{user_id}/workouts', {
        params: { path: { user_id: s.user_id }, query: { limit: 100, cursor } },
      }),
      200,
    );
    for (const w of res.items) {
      if (w.status === 'ended') {
        ended.push({
          workout_type: w.workout_type,
          end_time: w.end_time ?? '',
          duration: w.duration ?? 0,
          calories_burned: w.calories_burned ?? 0,
        });
      }
    }
    cursor = res.next_cursor;
    if (!cursor) {
      break;
    }
  }
  return ended;
}

/** Statistics and the sums of every ended workout listed, or why they differ. */
async function statsMismatch(s: Session): Promise<string | undefined> {
  const ended = await endedWorkouts(s);
  const duration = ended.reduce((n, w) => n + w.duration, 0);
  const calories = ended.reduce((n, w) => n + w.calories_burned, 0);
  const stats = await expectStatus(
    api(B, s.token).GET('/users/{user_id}/statistics', userPath(s.user_id)),
    200,
  );
  const tolerance = 0.01 * Math.max(1, ended.length);
  const average = ended.length ? duration / ended.length : 0;
  if (
    stats.total_workouts !== ended.length ||
    Math.abs(stats.total_duration - duration) > tolerance ||
    Math.abs(stats.total_calories_burned - calories) > tolerance ||
    Math.abs(stats.average_session_duration - average) >
      0.01 + tolerance / Math.max(1, ended.length)
  ) {
    return `statistics ${JSON.stringify(stats)} but ${ended.length} ended workouts sum to duration ${duration.toFixed(2)}, calories ${calories.toFixed(2)}, average ${average.toFixed(2)}`;
  }
  return undefined;
}

/**
 * Every goal's progress is what the ended workouts (of its workout_type, if any) inside its window
 * (creation → target_date, and from the start of its current period if recurring) add up to, and
 * it is achieved exactly when that reaches the target (a goal whose target a PATCH changed may
 * stay achieved above its progress). A workout ending within 2 ms of a window's edge may count or
 * not (the API shows milliseconds, the database keeps microseconds), and progress is shown to 2
 * decimals. The fuzzing run is far shorter than a week: the current period holds all its workouts.
 */
async function goalsMismatch(s: Session): Promise<string | undefined> {
  const goals = (
    await expectStatus(api(B, s.token).GET('/users/{user_id}/goals', userPath(s.user_id)), 200)
  ).items;
  if (goals.length === 0) {
    return undefined;
  }
  const ended = await endedWorkouts(s);
  for (const g of goals) {
    const from = Math.max(Date.parse(g.created_at), Date.parse(g.period_start));
    const to = Date.parse(g.target_date);
    let low = 0;
    let high = 0;
    for (const w of ended) {
      if (g.workout_type !== null && w.workout_type !== g.workout_type) {
        continue;
      }
      const t = Date.parse(w.end_time);
      const amount =
        g.goal_type === 'workouts'
          ? 1
          : g.goal_type === 'duration_minutes'
            ? w.duration / 60
            : w.calories_burned;
      if (t > from + 2 && t < to - 2) {
        low += amount;
        high += amount;
      } else if (t >= from - 2 && t <= to + 2) {
        high += amount;
      }
    }
    const tolerance = 0.01 + 0.001 * ended.length;
    if (g.current_progress < low - tolerance || g.current_progress > high + tolerance) {
      return `goal ${JSON.stringify(g)}: progress should be ${low.toFixed(2)}${high > low ? `…${high.toFixed(2)}` : ''} from ${ended.length} ended workouts`;
    }
    const reached = g.current_progress >= g.target_value;
    if (
      Math.abs(g.current_progress - g.target_value) > 0.01 &&
      reached !== Boolean(g.achieved_at) &&
      !(world.patchedGoals.has(g.goal_id) && g.achieved_at)
    ) {
      return `goal ${JSON.stringify(g)}: achieved_at does not match its progress`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

async function startWorkout(s: Session, type: string): Promise<string> {
  const started = await expectStatus(
    api(A, s.token).POST('/workouts/start', { body: { user_id: s.user_id, workout_type: type } }),
    201,
  );
  return started.session_id;
}

async function createSession(s: Session): Promise<string> {
  const c = await connect(B, s.token);
  const ack = await c.emit('create_group_session', { workout_type: 'yoga', name: 'fuzz target' });
  c.close();
  return expectAck('create_group_session', ack).session_id;
}

function signed(
  secret: string,
  claims: Record<string, unknown>,
  algorithm: 'HS256' | 'none' = 'HS256',
): string {
  return createSigner({ key: algorithm === 'none' ? undefined : secret, algorithm })(claims);
}

beforeAll(async () => {
  console.log(
    `[fuzz] seed ${SEED} (replay: FUZZ_SEED=${SEED}${RUNS ? ` FUZZ_RUNS=${RUNS}` : ''}), budget ${BUDGET_MS / 1000} s`,
  );
  pidsBefore = stackPids();
  const [self, sock, victim, recorder] = await registerUsers(4);
  // The victim: a profile, goals, an ended and an active workout, a live group session.
  const asVictim = (base: string) => api(base, victim.token);
  await expectStatus(
    asVictim(A).PATCH('/users/{user_id}', {
      ...userPath(victim.user_id),
      body: { weight_kg: 61.5, height_cm: 170 },
    }),
    200,
  );
  const victimGoals: string[] = [];
  const target_date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const body of [
    { goal_type: 'workouts', target_value: 50, target_date },
    { goal_type: 'calories', target_value: 9000, target_date },
    {
      goal_type: 'workouts',
      target_value: 3,
      target_date,
      period: 'week',
      workout_type: 'running',
    },
  ] as const) {
    const goal = await expectStatus(
      asVictim(A).POST('/users/{user_id}/goals', { ...userPath(victim.user_id), body }),
      201,
    );
    victimGoals.push(goal.goal_id);
  }
  const selfGoal = await expectStatus(
    api(A, self.token).POST('/users/{user_id}/goals', {
      ...userPath(self.user_id),
      body: { goal_type: 'workouts', target_value: 5, target_date, period: 'week' },
    }),
    201,
  );
  const victimWorkoutEnded = await startWorkout(victim, 'cycling');
  await sleep(30);
  await expectStatus(
    asVictim(B).POST('/workouts/{session_id}/end', {
      params: { path: { session_id: victimWorkoutEnded } },
      body: { end_time: new Date().toISOString() },
    }),
    200,
  );
  const victimWorkoutActive = await startWorkout(victim, 'running');
  const victimSession = await createSession(victim);
  const env = stackEnv('test');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: self.user_id, iss: 'fitness-user', aud: 'fitness', exp: now + 600 };
  const [header, payload, signature] = self.token.split('.');
  const tamperedPayload = Buffer.from(
    JSON.stringify({
      ...(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
        string,
        unknown
      >),
      sub: victim.user_id,
    }),
  ).toString('base64url');
  world = {
    self,
    sock,
    victim,
    recorder,
    victimWorkoutActive,
    victimWorkoutEnded,
    victimSession,
    victimGoal: victimGoals[victimGoals.length - 1] ?? randomUUID(),
    selfGoals: [selfGoal.goal_id],
    patchedGoals: new Set(),
    selfWorkouts: [await startWorkout(self, 'yoga')],
    selfSession: await createSession(self),
    sockSessions: [await createSession(sock)],
    endedSessions: [],
    expiredToken: signed(env.JWT_SECRET, { ...claims, exp: now - 3600 }),
    noneToken: signed('', claims, 'none'),
    wrongKeyToken: signed('not-the-secret-0123456789abcdef', claims),
    tamperedToken: `${header}.${tamperedPayload}.${signature}`,
  };
  // The socket user's session was created on a socket now closed: rejoin it for the fuzz.
  const emitter = await emitterFor(0);
  await emitter.emit(
    'join_group_session',
    [JSON.stringify({ user_id: sock.user_id, session_id: world.sockSessions[0] })],
    ACK_TIMEOUT_MS,
  );
  victimBefore = await victimState();
  budgetEnds = Date.now() + BUDGET_MS;
}, 60_000);

afterAll(() => {
  closeAll();
  const known = [...knownHits.entries()].map(([name, n]) => `  ${name}: ${n}`);
  console.log(
    [
      `[fuzz] seed ${SEED}: ${rest.total()} REST inputs, ${sockets.total()} Socket.IO inputs`,
      rest.table('REST routes'),
      sockets.table('Socket.IO events'),
      ...(known.length ? ['known defects hit (their regression cases below):', ...known] : []),
      'time per property:',
      ...timings.map((t) => `  ${t}`),
      ...(failures.length ? ['FAILURES:', ...failures] : []),
    ].join('\n'),
  );
});

/** How one kind of property runs. */
interface Property {
  /** Runs (FUZZ_RUNS overrides them all): about 60 s together on a quiet machine. */
  runs: number;
  /** Share of the time budget, shrinking included: what it may take on a loaded machine. */
  weight: number;
  /** What it may take past the budget: enough for one run. */
  minMs?: number;
}

const PROPERTY = {
  restAuth: { runs: 350, weight: 4 },
  restAnon: { runs: 80, weight: 1.2 },
  race: { runs: 25, weight: 1.5 },
  socket: { runs: 250, weight: 2.5 },
  socketRace: { runs: 25, weight: 2.5 },
  unknownEvent: { runs: 3, weight: 5, minMs: ACK_TIMEOUT_MS + 1000 },
  handshake: { runs: 120, weight: 1 },
  socketAnon: { runs: 50, weight: 0.6 },
  // Sessions recorded and compared (GROUP_SESSIONS_PER_MINUTE allows 10 a minute).
  record: { runs: 8, weight: 4, minMs: 3000 },
} satisfies Record<string, Property>;
const TOTAL_WEIGHT =
  ROUTES.length * (PROPERTY.restAuth.weight + PROPERTY.restAnon.weight) +
  PROPERTY.race.weight +
  EVENTS.length * PROPERTY.socket.weight +
  PROPERTY.socketRace.weight +
  PROPERTY.unknownEvent.weight +
  PROPERTY.handshake.weight +
  EVENTS.length * PROPERTY.socketAnon.weight +
  PROPERTY.record.weight;

describe('fuzz: REST, authenticated', () => {
  for (const route of ROUTES) {
    it(`should never answer 5xx on ${route.name}`, async () => {
      await fuzz(
        `rest auth ${route.name}`,
        restInput(route, 'auth'),
        (input) => sendRest(route, input),
        { ...PROPERTY.restAuth, runs: route.runs ?? PROPERTY.restAuth.runs },
      );
    });
  }
});

describe('fuzz: REST, concurrent writes', () => {
  it('should end a workout at most once when ends race on both gateways', async () => {
    const end = fc.record({
      gw: fc.constantFrom<0 | 1>(0, 1),
      end_time: fc.oneof(
        fc.integer({ min: 0, max: 120_000 }).map((ms) => `⟦t:${ms}⟧`),
        dateString.map((d) => (typeof d === 'string' ? d : '⟦t:0⟧')),
      ),
    });
    const arb = fc.array(end, { minLength: 2, maxLength: 6 });
    await fuzz('rest auth concurrent ends', arb, raceEnds, PROPERTY.race);
  });
});

/** Ends one fresh workout several times at once, on both gateways: at most one end succeeds. */
async function raceEnds(ends: { gw: 0 | 1; end_time: string }[]): Promise<void> {
  const id = await freshWorkout();
  await sleep(5);
  const answers = await Promise.all(
    ends.map(({ gw, end_time }) =>
      rawFetch(gw ? B : A, {
        method: 'POST',
        path: `/workouts/${id}/end`,
        headers: {
          authorization: `Bearer ${world.self.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ end_time: resolve(end_time) }),
      }),
    ),
  );
  for (const a of answers) {
    rest.add('POST /workouts/:session_id/end (race)', 'auth', String(a.status));
  }
  const statuses = answers.map((a) => a.status);
  if (statuses.some((st) => st >= 500 || st <= 0)) {
    throw new Error(
      `a racing end answered ${answers.map((a) => `${a.status} ${a.text}`).join(' | ')}`,
    );
  }
  if (statuses.filter((st) => st === 200).length > 1) {
    throw new Error(
      `workout ${id} ended more than once: ${answers.map((a) => a.text).join(' | ')}`,
    );
  }
}

describe('fuzz: REST, anonymous and forged tokens', () => {
  for (const route of ROUTES) {
    it(`should never answer 5xx nor serve ${route.name} without a valid token`, async () => {
      await fuzz(
        `rest anon ${route.name}`,
        restInput(route, 'anon'),
        (input) => sendRest(route, input),
        PROPERTY.restAnon,
      );
    });
  }
});

describe('fuzz: Socket.IO events, authenticated', () => {
  for (const event of EVENTS) {
    it(`should answer every ${event.name} with a well-formed ack, never INTERNAL`, async () => {
      await fuzz(
        `socket ${event.name}`,
        socketInput(event.payload),
        async (input) => {
          await topUpSessions();
          await sendEvent(event.name, input);
        },
        PROPERTY.socket,
      );
    });
  }

  it('should answer every event of concurrent batches on both gateways, ending a session once', async () => {
    const one = fc
      .nat(EVENTS.length - 1)
      .chain((i) =>
        socketInput(EVENTS[i].payload).map((input) => ({ event: EVENTS[i].name, input })),
      );
    const arb = fc.array(one, { minLength: 2, maxLength: 8 });
    await fuzz(
      'socket concurrent batch',
      arb,
      async (batch) => {
        await topUpSessions();
        const before = world.endedSessions.length;
        await Promise.all(batch.map(({ event, input }) => sendEvent(event, input)));
        const endedTwice = world.endedSessions
          .slice(before)
          .filter((id, i, all) => all.indexOf(id) !== i);
        if (endedTwice.length > 0) {
          throw new Error(`group session ${endedTwice[0]} ended twice`);
        }
      },
      PROPERTY.socketRace,
    );
  });

  it('should answer an unknown event with an ack', async () => {
    const names = fc.constantFrom(
      'nope',
      'error',
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'create_group_session ',
      'CREATE_GROUP_SESSION',
      'group_update',
      'goal_achieved',
      '',
    );
    // Several events per run, in flight together: a missing ack costs the whole ack timeout.
    const arb = fc.array(fc.tuple(names, socketInput(hostileValue())), {
      minLength: 1,
      maxLength: 30,
    });
    await fuzz(
      'socket unknown event',
      arb,
      async (batch) => {
        await Promise.all(batch.map(([name, input]) => sendEvent(name, input)));
      },
      PROPERTY.unknownEvent,
    );
  });
});

/** A handshake's auth: forged and expired tokens, hostile values (no deep nesting: the client's
 * own encoder recurses). */
const forgedAuth: fc.Arbitrary<Json | undefined> = fc.option(
  fc.oneof(
    fc
      .constantFrom(
        '⟦expired_token⟧',
        '⟦none_token⟧',
        '⟦wrong_key_token⟧',
        '⟦tampered_token⟧',
        'Bearer ⟦expired_token⟧',
        'a.b.c',
        '',
      )
      .map((t): Json => ({ $entries: [['token', t]] })),
    hostileValue()
      .filter((v) => nestingDepth(v) < 50)
      .map((t): Json => ({ $entries: [['token', t]] })),
    hostileValue().filter((v) => nestingDepth(v) < 50),
  ),
  { nil: undefined },
);

// Control characters but tab and line breaks: what a chat message may not hold.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Text a chat message or an exercise may hold: any Unicode but control characters. */
const safeText = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 30) }),
      fc.constantFrom('/\\"\'<>&', '\u2028\u2029', '🏃‍♀️ é ß 𝒳', 'line\nbreak', 'x'.repeat(max)),
    )
    .filter((t) => t.length <= max && !CONTROL.test(t))
    .map((t) => (max < 100 ? t.replace(/[\n\r\t]/g, ' ') : t));

type RecordedAction =
  | { kind: 'message'; message: string }
  | { kind: 'exercise'; exercise: string; value: number; unit: string };

const recordedAction: fc.Arbitrary<RecordedAction> = fc.oneof(
  safeText(1000).map((message): RecordedAction => ({ kind: 'message', message })),
  fc
    .record({
      exercise: safeText(64),
      value: fc.oneof(
        fc.double({ min: 0, max: 1_000_000, noNaN: true }),
        fc.constantFrom(
          0.1234567890123456,
          1 / 3,
          0.1 + 0.2,
          999_999.999_999_999_9,
          5e-324,
          1e-320,
        ),
      ),
      unit: safeText(16),
    })
    .map((e): RecordedAction => ({ kind: 'exercise', ...e })),
);

const KNOWN_PRECISION = 'exercise values stored with 14 significant digits (Redis cjson)';

/** Plays actions in a new session of the recorder, ends it and compares the stored record. */
async function recordSession(actions: RecordedAction[]): Promise<void> {
  const r = world.recorder;
  const c = await connect(A, r.token);
  try {
    const created = await c.emit('create_group_session', { workout_type: 'yoga', name: 'record' });
    if (!created.ok) {
      // The recorder's allowance of sessions a minute: nothing to compare this time.
      sockets.add('(record) create_group_session', 'auth', created.error.code);
      return;
    }
    const id = created.session_id;
    const acked: string[] = [];
    for (const a of actions) {
      const ack =
        a.kind === 'message'
          ? await c.emit('send_message', { user_id: r.user_id, session_id: id, message: a.message })
          : await c.emit('exercise_update', {
              session_id: id,
              exercise: a.exercise,
              value: a.value,
              unit: a.unit,
            });
      sockets.add(`(record) ${a.kind}`, 'auth', ackLabel([ack]));
      if (ack.ok) {
        acked.push(
          JSON.stringify(a.kind === 'message' ? a.message : [a.exercise, a.value, a.unit]),
        );
      }
    }
    expectAck('end_group_session', await c.emit('end_group_session', { session_id: id }));
    let saved: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 60 && saved?.saved !== true; attempt++) {
      const res = await api(B, r.token).GET('/group-sessions/{session_id}', {
        params: { path: { session_id: id } },
      });
      saved = res.data;
      if (saved?.saved !== true) {
        await sleep(250);
      }
    }
    if (saved?.saved !== true) {
      throw new Error(`group session ${id} not stored within 15 s: ${JSON.stringify(saved)}`);
    }
    const record = saved as unknown as {
      messages: { message: string }[];
      exercise_updates: { exercise: string; value: number; unit: string }[];
    };
    const stored = [
      ...record.messages.map((m) => JSON.stringify(m.message)),
      ...record.exercise_updates.map((e) => JSON.stringify([e.exercise, e.value, e.unit])),
    ];
    const sortedAcked = [...acked].sort();
    const sortedStored = [...stored].sort();
    if (JSON.stringify(sortedAcked) === JSON.stringify(sortedStored)) {
      return;
    }
    // Known: numbers stored with 14 significant digits (its regression case is below).
    const at14 = (texts: string[]) =>
      JSON.stringify(
        texts
          .map((t) =>
            JSON.stringify(
              JSON.parse(t, (_k, v: unknown) =>
                typeof v === 'number' ? Number(v.toPrecision(14)) : v,
              ),
            ),
          )
          .sort(),
      );
    if (at14(sortedAcked) === at14(sortedStored)) {
      knownHits.set(KNOWN_PRECISION, (knownHits.get(KNOWN_PRECISION) ?? 0) + 1);
      return;
    }
    throw new Error(
      `group session ${id} stored ${JSON.stringify(sortedStored)}, acknowledged ${JSON.stringify(sortedAcked)}`,
    );
  } finally {
    c.close();
  }
}

describe('fuzz: Socket.IO, what is stored', () => {
  it('should store a group session with every acknowledged message and exercise as sent', async () => {
    const arb = fc.array(recordedAction, { minLength: 1, maxLength: 6 });
    await fuzz('socket record fidelity', arb, recordSession, PROPERTY.record);
  });
});

describe('fuzz: Socket.IO, anonymous and forged tokens', () => {
  it('should refuse every handshake without a valid token, saying why', async () => {
    const arb = fc.record({ gw: fc.constantFrom<0 | 1>(0, 1), auth: forgedAuth });
    await fuzz(
      'socket handshake',
      arb,
      async ({ gw, auth }) => {
        const value = auth === undefined ? {} : (JSON.parse(toJsonText(auth, resolve)) as unknown);
        const socket = io(gw ? B : A, {
          // socket.io-client only sends an object: anything else goes as {}.
          auth: typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {},
          transports: ['websocket'],
          reconnection: false,
          timeout: 5000,
          forceNew: true,
        });
        try {
          const outcome = await new Promise<{
            connected: boolean;
            message?: string;
            code?: unknown;
          }>((done) => {
            socket.once('connect', () => done({ connected: true }));
            socket.once('connect_error', (err: Error & { data?: { code?: unknown } }) =>
              done({ connected: false, message: err.message, code: err.data?.code }),
            );
          });
          sockets.add(
            '(handshake)',
            'anon',
            outcome.connected ? 'connected' : String(outcome.code),
          );
          if (outcome.connected) {
            throw new Error(`a handshake with auth ${toJsonText(auth ?? null)} was accepted`);
          }
          if (!outcome.message?.startsWith('unauthorized:') || outcome.code !== 'UNAUTHENTICATED') {
            throw new Error(
              `handshake refused without saying why: ${outcome.message} (${String(outcome.code)})`,
            );
          }
        } finally {
          socket.disconnect();
        }
      },
      PROPERTY.handshake,
    );
  });

  for (const event of EVENTS) {
    it(`should never act on ${event.name} from a client without a valid token`, async () => {
      const arb = fc.record({ auth: forgedAuth, input: socketInput(event.payload) });
      await fuzz(
        `socket anon ${event.name}`,
        arb,
        async ({ auth, input }) => {
          const argsText = input.args.map((a) => toJsonText(a, resolve));
          const outcome = await anonymousEvent(
            input.gw ? B : A,
            auth === undefined ? undefined : toJsonText(auth, resolve),
            event.name,
            argsText,
            ACK_TIMEOUT_MS,
          );
          sockets.add(
            event.name,
            'anon',
            outcome.kind === 'ack' ? ackLabel(outcome.args) : outcome.kind,
          );
          if (outcome.connected || (outcome.kind === 'ack' && ackLabel(outcome.args) === 'ok')) {
            throw new Error(
              `served without a valid token: ${event.name} ${argsText.join(',').slice(0, 300)} → ${JSON.stringify(outcome)}`,
            );
          }
        },
        PROPERTY.socketAnon,
      );
    });
  }
});

/**
 * The last answer of a check polled until it finds nothing (at most 20 s): group sessions ended
 * over Socket.IO reach the workouts, statistics and goals through the outbox and retries.
 */
async function settled(check: () => Promise<string | undefined>): Promise<string | undefined> {
  let mismatch: string | undefined;
  for (let attempt = 0; attempt < 40; attempt++) {
    mismatch = await check();
    if (!mismatch) {
      break;
    }
    await sleep(500);
  }
  return mismatch;
}

describe('fuzz: invariants at the end', () => {
  it('should keep both breakers closed and every process of the stack running', async () => {
    expect(await stackProblems()).toEqual([]);
  });

  it("should leave the victim's profile, goals, workouts, statistics and session unchanged", async () => {
    expect(JSON.parse(await victimState())).toEqual(JSON.parse(victimBefore));
  });

  it("should keep every fuzzing user's statistics equal to the sums of their ended workouts", async () => {
    for (const s of [world.self, world.sock]) {
      expect(await settled(() => statsMismatch(s))).toBeUndefined();
    }
  });

  it("should keep every fuzzing user's goal progress equal to the workouts in its window", async () => {
    for (const s of [world.self, world.sock]) {
      expect(await settled(() => goalsMismatch(s))).toBeUndefined();
    }
  });
});

// Each case below is the smallest input the fuzzer found for a defect (its signature is counted
// as `known` by the properties above). They fail until the defect is fixed.
describe('defects found by the fuzzer', () => {
  /** A deep array, as JSON text: `[[[…]]]`. */
  const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  async function rawEvent(event: string, payloadText: string): Promise<AckOutcome> {
    const client = await connect(A, world.sock.token);
    try {
      return await new RawEmitter(client.socket).emit(event, [payloadText], ACK_TIMEOUT_MS);
    } finally {
      client.close();
    }
  }

  it('should answer a deeply nested JSON body with 400, not 500 (anonymous POST /users/login)', async () => {
    // From about 1,400 levels of arrays on: class-transformer's recursion (ValidationPipe)
    // overflows the stack. 2,000 levels are a 4 KB body.
    const res = await rawFetch(A, {
      method: 'POST',
      path: '/users/login',
      headers: { 'content-type': 'application/json' },
      body: `{"email":${nested(2000)},"password":"whatever-123"}`,
    });
    expect([res.status, (res.json as { error?: { code?: string } }).error?.code]).toEqual([
      400,
      'INVALID_ARGUMENT',
    ]);
  });

  it.each([
    ['an unknown method', 'FOO', '/users/register'],
    ['a lower-case method', 'patch', '/users/register'],
    ['a request line over the header limit', 'GET', `/users/${'a'.repeat(20_000)}`],
  ])(
    'should refuse %s in the API error shape {error: {code, message}}',
    async (_what, method, path) => {
      const res = await rawFetch(A, { method, path });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json).toEqual({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    },
  );

  it('should refuse a deeply nested socket payload with INVALID_ARGUMENT, not INTERNAL', async () => {
    // From about 1,500 levels on (class-transformer in the socket payload validation).
    const outcome = await rawEvent('leave_group_session', `{"session_id":${nested(2000)}}`);
    expect(outcome).toMatchObject({
      kind: 'ack',
      args: [{ ok: false, error: { code: 'INVALID_ARGUMENT' } }],
    });
  });

  it('should refuse a nested "constructor" key in a socket payload with INVALID_ARGUMENT, not INTERNAL', async () => {
    // class-transformer takes `value.constructor` for the class to build ("targetType is not a
    // constructor"); REST is spared because Nest's ValidationPipe strips such keys first.
    const outcome = await rawEvent('leave_group_session', '{"session_id":{"constructor":1}}');
    expect(outcome).toMatchObject({
      kind: 'ack',
      args: [{ ok: false, error: { code: 'INVALID_ARGUMENT' } }],
    });
  });

  it('should store an exercise value of a group session as it was sent, all 17 digits', async () => {
    // The end script re-encodes each exercise entry with Redis' cjson, which writes numbers with
    // 14 significant digits: 0.1234567890123456 is stored as 0.12345678901235.
    const s = await registerAndLogin();
    const c = await connect(A, s.token);
    const id = await startGroupSession(c, { workout_type: 'yoga' });
    expectAck(
      'exercise_update',
      await c.emit('exercise_update', {
        session_id: id,
        exercise: 'squats',
        value: 0.1234567890123456,
        unit: 'kg',
      }),
    );
    expectAck('end_group_session', await c.emit('end_group_session', { session_id: id }));
    let values: number[] = [];
    await waitFor(
      'the stored record',
      async () => {
        const res = await api(B, s.token).GET('/group-sessions/{session_id}', {
          params: { path: { session_id: id } },
        });
        values = res.data?.exercise_updates.map((e) => e.value) ?? [];
        return res.data?.saved === true;
      },
      15_000,
    );
    expect(values).toEqual([0.1234567890123456]);
  });

  it('should answer an unknown event with a refusal ack', async () => {
    const outcome = await rawEvent('nope', '{}');
    expect(outcome).toMatchObject({
      kind: 'ack',
      args: [{ ok: false, error: { code: expect.any(String), message: expect.any(String) } }],
    });
  });
});
