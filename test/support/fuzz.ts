// Machinery of the property-based fuzz suite (test/fuzz.e2e.ts): a raw HTTP helper, a JSON text
// builder that can say what JSON.stringify cannot (duplicate keys, `-0`, `1e-320`, huge integers,
// deep nesting), raw Socket.IO packets with acks of our own, hostile values as fast-check
// arbitraries, and the checks on the stack's processes and logs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Manager, type Socket } from 'socket.io-client';
import { dataDir } from '../../scripts/stack.mjs';

// ---------------------------------------------------------------------------------------------
// JSON text, including what JSON.stringify cannot produce
// ---------------------------------------------------------------------------------------------

/**
 * A JSON value as text will carry it: `{$raw}` is a literal token (`-0`, `1e-320`, `1e400`, a
 * 30-digit integer), `{$entries}` an object whose keys may repeat or be `__proto__`, `{$deep}` a
 * nesting `depth` levels deep (arrays or objects) around a leaf.
 */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { $raw: string }
  | { $entries: [string, Json][] }
  | { $deep: { depth: number; kind: 'array' | 'object'; leaf: Json } };

/** The JSON text of a value; `rewrite` is applied to every string (placeholders). */
export function toJsonText(j: Json, rewrite: (s: string) => string = (s) => s): string {
  if (j === null || typeof j === 'boolean') {
    return JSON.stringify(j);
  }
  if (typeof j === 'number') {
    if (Object.is(j, -0)) {
      return '-0';
    }
    if (Number.isNaN(j)) {
      return 'null';
    }
    if (!Number.isFinite(j)) {
      return j > 0 ? '1e400' : '-1e400';
    }
    return JSON.stringify(j);
  }
  if (typeof j === 'string') {
    // JSON.stringify escapes a lone surrogate as \udXXX, so the server's parser gets it back.
    return JSON.stringify(rewrite(j));
  }
  if (Array.isArray(j)) {
    return `[${j.map((v) => toJsonText(v, rewrite)).join(',')}]`;
  }
  if ('$raw' in j) {
    return j.$raw;
  }
  if ('$entries' in j) {
    return `{${j.$entries.map(([k, v]) => `${JSON.stringify(rewrite(k))}:${toJsonText(v, rewrite)}`).join(',')}}`;
  }
  const { depth, kind, leaf } = j.$deep;
  const inner = toJsonText(leaf, rewrite);
  return kind === 'array'
    ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** How deeply a value nests (what a recursive reader of it has to descend). */
export function nestingDepth(j: Json): number {
  if (j === null || typeof j !== 'object') {
    return 0;
  }
  if (Array.isArray(j)) {
    return 1 + Math.max(0, ...j.map(nestingDepth));
  }
  if ('$raw' in j) {
    return 0;
  }
  if ('$entries' in j) {
    return 1 + Math.max(0, ...j.$entries.map(([, v]) => nestingDepth(v)));
  }
  return j.$deep.depth + nestingDepth(j.$deep.leaf);
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP
// ---------------------------------------------------------------------------------------------

export interface RawRequest {
  method: string;
  /** Path and query as sent (fetch still resolves `.` and `..` segments). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
  ms: number;
}

/**
 * One request exactly as given: any method, path, header and body bytes, no JSON encoding of its
 * own. Hostile requests go through this raw fetch helper on purpose: a typed client would not let
 * them be sent (wrong types, duplicate keys, malformed JSON, odd content types).
 */
export async function rawFetch(
  base: string,
  req: RawRequest,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(`${base}${req.path}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    // No answer at all (status 0): the connection was closed, reset or timed out.
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = [err instanceof Error ? err.message : 'failed', cause?.code, cause?.message]
      .filter((x) => typeof x === 'string')
      .join(': ');
    return {
      // -1: the client itself would not send it (a header value fetch refuses); 0: no answer.
      status:
        cause?.code === 'UND_ERR_INVALID_ARG' || (err instanceof TypeError && !cause) ? -1 : 0,
      text: why,
      json: undefined,
      headers: new Headers(),
      ms: performance.now() - started,
    };
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers, ms: performance.now() - started };
}

/** The API's one error shape: `{error: {code, message, details?}}`. */
export function isErrorShape(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, message, details } = error as {
    code?: unknown;
    message?: unknown;
    details?: unknown;
  };
  return (
    typeof code === 'string' &&
    code.length > 0 &&
    typeof message === 'string' &&
    (details === undefined || Array.isArray(details))
  );
}

// ---------------------------------------------------------------------------------------------
// Raw Socket.IO events with acks of our own
// ---------------------------------------------------------------------------------------------

export type AckOutcome =
  | { kind: 'ack'; args: unknown[]; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'closed'; ms: number };

/**
 * Sends Socket.IO EVENT packets as raw text on an open client's engine (so the payload can be any
 * JSON text: duplicate keys, `-0`, nesting that socket.io-client's own encoder would overflow on)
 * and matches the ACK packets by ids of our own, far above the client's.
 */
export class RawEmitter {
  private nextId = 1_000_000;
  private readonly waiting = new Map<number, (args: unknown[]) => void>();
  private readonly closers = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.io.engine.on('message', (data: unknown) => {
      if (typeof data !== 'string' || !data.startsWith('3')) {
        return;
      }
      const m = /^3(\d+)(\[.*)$/s.exec(data);
      const resolve = m ? this.waiting.get(Number(m[1])) : undefined;
      if (!m || !resolve) {
        return;
      }
      this.waiting.delete(Number(m[1]));
      let args: unknown[];
      try {
        args = JSON.parse(m[2]) as unknown[];
      } catch {
        args = [m[2]];
      }
      resolve(args);
    });
    socket.on('disconnect', () => {
      for (const close of this.closers) {
        close();
      }
    });
  }

  /** `argsText`: the JSON texts of the event's arguments after its name (none, one or more). */
  emit(event: string, argsText: string[], timeoutMs: number): Promise<AckOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    if (!this.socket.connected) {
      return Promise.resolve({ kind: 'closed', ms: 0 });
    }
    const id = this.nextId++;
    return new Promise<AckOutcome>((resolve) => {
      const finish = (outcome: AckOutcome) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        this.closers.delete(onClose);
        resolve(outcome);
      };
      const onClose = () => finish({ kind: 'closed', ms: elapsed() });
      const timer = setTimeout(() => finish({ kind: 'timeout', ms: elapsed() }), timeoutMs);
      this.waiting.set(id, (args) => finish({ kind: 'ack', args, ms: elapsed() }));
      this.closers.add(onClose);
      this.socket.io.engine.send(`2${id}[${[JSON.stringify(event), ...argsText].join(',')}]`);
    });
  }
}

/**
 * An event from a client whose handshake was refused (or never sent): a raw engine.io connection,
 * a CONNECT packet with the given auth (none when undefined), then the event. The server must
 * never act on it; it closes such a connection.
 */
export async function anonymousEvent(
  base: string,
  connectAuth: string | undefined,
  event: string,
  argsText: string[],
  timeoutMs: number,
): Promise<AckOutcome & { connected: boolean }> {
  const manager = new Manager(base, {
    autoConnect: false,
    transports: ['websocket'],
    reconnection: false,
    timeout: timeoutMs,
  });
  await new Promise<void>((resolve, reject) =>
    manager.open((err) => (err ? reject(err) : resolve())),
  );
  const engine = manager.engine;
  const started = performance.now();
  let connected = false;
  try {
    return await new Promise((resolve) => {
      const finish = (outcome: AckOutcome) => {
        clearTimeout(timer);
        resolve({ ...outcome, connected });
      };
      const timer = setTimeout(
        () => finish({ kind: 'timeout', ms: performance.now() - started }),
        timeoutMs,
      );
      engine.on('close', () => finish({ kind: 'closed', ms: performance.now() - started }));
      engine.on('message', (data: unknown) => {
        if (typeof data !== 'string') {
          return;
        }
        if (data.startsWith('0')) {
          connected = true;
        }
        const m = /^3(\d+)(\[.*)$/s.exec(data);
        if (m) {
          finish({
            kind: 'ack',
            args: JSON.parse(m[2]) as unknown[],
            ms: performance.now() - started,
          });
        }
      });
      if (connectAuth !== undefined) {
        engine.send(`0${connectAuth}`);
      }
      engine.send(`21[${[JSON.stringify(event), ...argsText].join(',')}]`);
    });
  } finally {
    engine.close();
  }
}

/** What an ack must be: `{ok: true, …}` or `{ok: false, error: {code, message}}`; why not, else. */
export function ackProblem(args: unknown[]): string | undefined {
  const [ack] = args;
  if (args.length !== 1 || typeof ack !== 'object' || ack === null) {
    return 'the ack is not one object';
  }
  const { ok, error } = ack as { ok?: unknown; error?: unknown };
  if (ok === true) {
    return undefined;
  }
  if (ok !== false) {
    return 'the ack has no boolean `ok`';
  }
  if (!isErrorShape({ error })) {
    return 'a refusal without {code, message}';
  }
  const code = (error as { code: string }).code;
  if (code === 'INTERNAL' || code === 'UNKNOWN') {
    return `a refusal with code ${code}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The stack's processes and logs
// ---------------------------------------------------------------------------------------------

/** Pid of every process of the `test` stack (.data/test/run/*.pid). */
export function stackPids(): Record<string, number> {
  const dir = join(dataDir('test'), 'run');
  if (!existsSync(dir)) {
    return {};
  }
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => [f.slice(0, -4), Number(readFileSync(join(dir, f), 'utf8').trim())]),
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Log lines of every process of the `test` stack that carry a correlation id (or a text). */
export function logLinesWith(needle: string, maxLines = 20): string[] {
  const dir = join(dataDir('test'), 'logs');
  if (!existsSync(dir)) {
    return [];
  }
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.includes(needle)) {
        found.push(`${file}: ${line.length > 1500 ? `${line.slice(0, 1500)}…` : line}`);
      }
    }
  }
  return found.slice(-maxLines);
}

// ---------------------------------------------------------------------------------------------
// Hostile values
// ---------------------------------------------------------------------------------------------

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\uffff',
];
const LONE_SURROGATES = ['\ud800', '\udfff', '\udc00\ud800', '\ud83d', 'a\udbffz'];
/** Words that mean something to a JavaScript object, a query language, a shell or a template. */
const LOADED_WORDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '$where',
  '$gt',
  '$ne',
  '$regex',
  '$expr',
  '{"$gt":""}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  'true',
  '[]',
  '{}',
  '',
  ' ',
  '../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '%ff%fe',
  '%F0%9F%98',
  '%',
  '\\u0000',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  'ﬀ',
  'İ',
  'ß',
  '𝒳',
  '🏃‍♀️',
  'e\u0301',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** UTF-16 text of any code units, unpaired surrogates included. */
export const utf16String = (maxLength = 24): fc.Arbitrary<string> =>
  fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength });

/** A string repeated to a length between 256 and about 70,000 characters (past BODY_LIMIT too). */
export const longString = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.integer({ min: 256, max: 70_000 }),
      fc.constantFrom('a', 'é', '🏃', '\u0000', '%', '\ud800', 'x '),
    )
    .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 2, arbitrary: utf16String() },
    { weight: 3, arbitrary: fc.constantFrom(...LOADED_WORDS) },
    { weight: 2, arbitrary: fc.constantFrom(...CONTROL, ...LONE_SURROGATES) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.string({ maxLength: 8 }),
          fc.constantFrom(...CONTROL, ...LONE_SURROGATES),
          fc.string({ maxLength: 8 }),
        )
        .map(([a, b, c]) => a + b + c),
    },
    { weight: 1, arbitrary: longString() },
  );

/** Numbers as JSON text can carry them, from the tiny to the absurd. */
export const hostileNumber = (): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.double(),
    fc.integer(),
    fc.integer({ min: -5, max: 600 }),
    fc.constantFrom<Json>(
      0,
      -1,
      0.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      Number.MIN_VALUE,
      { $raw: '-0' },
      { $raw: '1e-320' },
      { $raw: '5e-324' },
      { $raw: '1e400' },
      { $raw: '-1e400' },
      { $raw: '9007199254740993' },
      { $raw: '123456789012345678901234567890' },
      { $raw: '-123456789012345678901234567890' },
      { $raw: '1E2' },
      { $raw: '0.0000000000000000000000001' },
      { $raw: `1${'0'.repeat(400)}` },
    ),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((b): Json => ({ $raw: b.toString() })),
  );

/** Query-language operators and prototype keys as values. */
export const operatorObject = (): fc.Arbitrary<Json> =>
  fc.constantFrom<Json>(
    { $entries: [['$gt', '']] },
    { $entries: [['$ne', null]] },
    { $entries: [['$where', 'sleep(1000) || true']] },
    { $entries: [['$regex', '.*']] },
    { $entries: [['$in', ['a', 'b']]] },
    { $entries: [['$expr', { $entries: [['$eq', [1, 1]]] }]] },
    { $entries: [['$exists', true]] },
    { $entries: [['__proto__', { $entries: [['admin', true]] }]] },
    { $entries: [['constructor', { $entries: [['prototype', { $entries: [['admin', true]] }]] }]] },
    { $entries: [['prototype', { $entries: [['polluted', 1]] }]] },
    { $entries: [['toString', 'x']] },
  );

export const deepValue = (): fc.Arbitrary<Json> =>
  fc
    .record({
      depth: fc.oneof(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 500, max: 12_000 })),
      kind: fc.constantFrom<'array' | 'object'>('array', 'object'),
      leaf: fc.constantFrom<Json>(1, 'x', null),
    })
    .map((d): Json => ({ $deep: d }));

/** Any hostile JSON value: wrong types, operators, prototype keys, nesting. */
export const hostileValue = (): fc.Arbitrary<Json> =>
  fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: hostileString() },
      { weight: 3, arbitrary: hostileNumber() },
      { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false) },
      { weight: 2, arbitrary: operatorObject() },
      { weight: 1, arbitrary: deepValue() },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
      {
        weight: 1,
        arbitrary: fc
          .array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...LOADED_WORDS), fc.string({ maxLength: 6 })),
              tie('value'),
            ),
            {
              maxLength: 3,
            },
          )
          .map((entries): Json => ({ $entries: entries })),
      },
    ),
  })).value;

/** A field value: mostly near-valid ones (to get past validation), else hostile. */
export const fieldValue = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostileValue() });

/** A route's or event's fields, each with a generator of (near-)valid values. */
export interface BodyShape {
  [field: string]: fc.Arbitrary<Json>;
}

const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    '$gt',
    'is_admin',
    'user_id',
    '',
  ),
  fc.string({ maxLength: 8 }),
);

type Mutation =
  | { kind: 'drop' }
  | { kind: 'hostile'; value: Json }
  | { kind: 'extra'; key: string; value: Json }
  | { kind: 'duplicate'; value: Json };

/**
 * An object body built from a route's fields, in three kinds: every field valid (what gets past
 * validation into the services), exactly one thing wrong (a field missing, hostile, repeated with
 * another value, or an extra field: prototype keys and operators among them), and anything goes.
 */
export const objectBody = (shape: BodyShape): fc.Arbitrary<Json> => {
  const names = Object.keys(shape);
  const valid = fc.tuple(...names.map((name) => shape[name].map((v): [string, Json] => [name, v])));
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.constant<Mutation>({ kind: 'drop' }),
    hostileValue().map((value): Mutation => ({ kind: 'hostile', value })),
    fc
      .tuple(extraKey, hostileValue())
      .map(([key, value]): Mutation => ({ kind: 'extra', key, value })),
    hostileValue().map((value): Mutation => ({ kind: 'duplicate', value })),
  );
  const oneWrong = fc
    .tuple(valid, fc.nat(Math.max(0, names.length - 1)), mutation)
    .map(([entries, index, m]): Json => {
      const out: [string, Json][] = [...entries];
      const name = names[index] ?? 'x';
      if (m.kind === 'drop') {
        out.splice(index, 1);
      } else if (m.kind === 'hostile') {
        out[index] = [name, m.value];
      } else if (m.kind === 'extra') {
        out.push([m.key, m.value]);
      } else {
        out.push([name, m.value]);
      }
      return { $entries: out };
    });
  const anything = fc
    .record({
      fields: fc.tuple(
        ...names.map((name) =>
          fc.option(
            fieldValue(shape[name]).map((v): [string, Json] => [name, v]),
            {
              nil: undefined,
              freq: 4,
            },
          ),
        ),
      ),
      extra: fc.array(fc.tuple(extraKey, hostileValue()), { maxLength: 2 }),
    })
    .map(({ fields, extra }): Json => ({
      $entries: [...fields.filter((f): f is [string, Json] => f !== undefined), ...extra],
    }));
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((entries): Json => ({ $entries: entries })) },
    { weight: 2, arbitrary: oneWrong },
    { weight: 1, arbitrary: anything },
  );
};

// ---------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------

/** Inputs run and outcomes seen, per route or event. */
export class Tally {
  private readonly rows = new Map<
    string,
    { anon: number; auth: number; known: number; outcomes: Map<string, number> }
  >();

  add(name: string, who: 'anon' | 'auth', outcome: string, known = false): void {
    let row = this.rows.get(name);
    if (!row) {
      row = { anon: 0, auth: 0, known: 0, outcomes: new Map() };
      this.rows.set(name, row);
    }
    row[who] += 1;
    if (known) {
      row.known += 1;
    }
    row.outcomes.set(outcome, (row.outcomes.get(outcome) ?? 0) + 1);
  }

  total(): number {
    return [...this.rows.values()].reduce((n, r) => n + r.anon + r.auth, 0);
  }

  table(title: string): string {
    const lines = [...this.rows.entries()].map(([name, r]) => {
      const outcomes = [...r.outcomes.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([o, n]) => `${o}×${n}`)
        .join(' ');
      return `${name.padEnd(34)} ${String(r.anon).padStart(6)} ${String(r.auth).padStart(6)} ${String(r.known).padStart(6)}  ${outcomes}`;
    });
    return [
      title,
      `${'route / event'.padEnd(34)} ${'anon'.padStart(6)} ${'auth'.padStart(6)} ${'known'.padStart(6)}  outcomes (most frequent)`,
      ...lines,
      `${'total'.padEnd(34)} ${String(this.total()).padStart(13)}`,
    ].join('\n');
  }
}
