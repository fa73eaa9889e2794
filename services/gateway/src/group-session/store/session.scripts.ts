// The Lua scripts of SessionStore. Each runs atomically in Redis, so no write to a session can slip
// between a check and the change it guards. Every script takes the session's six keys first, in
// the order of SESSION_KEY_ORDER, and refreshes their expiry.

/** KEYS[1..6] of every script. */
export const SESSION_KEY_ORDER = [
  'meta',
  'members',
  'participants',
  'messages',
  'log',
  'exercise',
] as const;

/**
 * Appends a chat message or an exercise update to an active session: 0 (nothing written) once it
 * has ended, so a message acknowledged to its sender is always in the session's log. The log keeps
 * its newest ARGV[5] entries; message entries that fall off are counted in meta.messages_dropped.
 *
 * An exercise update also sets the member's value on the session's board of that exercise and unit
 * (a sorted set, at most ARGV[12] boards per session) and, when that changed the board's top
 * ARGV[13], returns {1, then user_id, value, username for each of the new top}.
 *
 * KEYS[7]: the index of live sessions (sorted set by last activity), touched. KEYS[8]: the board
 * of the exercise, KEYS[9]: the set of the session's boards (both unused for a message).
 * ARGV: 1 kind (message | exercise), 2 log entry (JSON with "type" first), 3 live entry (recent
 * messages list / latest exercise per user), 4 user_id, 5 log length, 6 recent messages kept,
 * 7 TTL (s), 8 now (ms), 9 session id, 10 value, 11 board id, 12 most boards, 13 top size.
 */
export const APPEND_SCRIPT = `
if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return 0 end
local n = redis.call('RPUSH', KEYS[5], ARGV[2])
local max = tonumber(ARGV[5])
if n > max then
  local dropped = 0
  for _, entry in ipairs(redis.call('LRANGE', KEYS[5], 0, n - max - 1)) do
    if string.find(entry, '"type":"message"', 1, true) == 2 then dropped = dropped + 1 end
  end
  redis.call('LTRIM', KEYS[5], n - max, -1)
  if dropped > 0 then redis.call('HINCRBY', KEYS[1], 'messages_dropped', dropped) end
end
if ARGV[1] == 'message' then
  redis.call('RPUSH', KEYS[4], ARGV[3])
  redis.call('LTRIM', KEYS[4], -tonumber(ARGV[6]), -1)
else
  redis.call('HSET', KEYS[6], ARGV[4], ARGV[3])
end
for i = 1, 6 do redis.call('EXPIRE', KEYS[i], ARGV[7]) end
redis.call('ZADD', KEYS[7], ARGV[8], ARGV[9])
if ARGV[1] ~= 'exercise' then return 1 end
if redis.call('SISMEMBER', KEYS[9], ARGV[11]) == 0 then
  if redis.call('SCARD', KEYS[9]) >= tonumber(ARGV[12]) then return 1 end
  redis.call('SADD', KEYS[9], ARGV[11])
end
local top = tonumber(ARGV[13])
local before = redis.call('ZREVRANK', KEYS[8], ARGV[4])
local old = redis.call('ZSCORE', KEYS[8], ARGV[4])
redis.call('ZADD', KEYS[8], ARGV[10], ARGV[4])
redis.call('EXPIRE', KEYS[8], ARGV[7])
redis.call('EXPIRE', KEYS[9], ARGV[7])
local after = redis.call('ZREVRANK', KEYS[8], ARGV[4])
local changed = (old == false or tonumber(old) ~= tonumber(ARGV[10]) or before ~= after)
  and ((before ~= false and before < top) or after < top)
if not changed then return 1 end
local out = {1}
local board = redis.call('ZREVRANGE', KEYS[8], 0, top - 1, 'WITHSCORES')
for i = 1, #board, 2 do
  local p = redis.call('HGET', KEYS[3], board[i])
  out[#out + 1] = board[i]
  out[#out + 1] = board[i + 1]
  out[#out + 1] = p and cjson.decode(p).username or ''
end
return out`;

/**
 * Ends an active session and queues its record for the activity service, in one step: the record
 * is built here, from what Redis holds at that instant, so it has every message acknowledged
 * before the end and none after. Returns the record (JSON), or false if the session was not active.
 *
 * The record stays under ARGV[3] bytes: participants and exercise updates always go in, then chat
 * messages newest first while they fit; the older ones are counted in messages_dropped.
 *
 * KEYS 7 and 8: the outbox (sorted set of session ids by due time) and its records (hash); KEYS 9:
 * the index of live sessions, which it leaves; KEYS 10: the outbox's trace contexts (hash).
 * ARGV: 1 now (ISO), 2 now (ms), 3 record byte limit, 4 TTL of the ended session's keys (s),
 * 5 the ending event's W3C traceparent ('' without tracing), so the delivery joins its trace.
 */
export const END_SCRIPT = `
if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return false end
redis.call('HSET', KEYS[1], 'status', 'ended', 'ended_at', ARGV[1])
local m = {}
local flat = redis.call('HGETALL', KEYS[1])
for i = 1, #flat, 2 do m[flat[i]] = flat[i + 1] end
local now_ms = tonumber(ARGV[2])
local budget = tonumber(ARGV[3]) - 1024
local participants = {}
for _, raw in ipairs(redis.call('HVALS', KEYS[3])) do
  local p = cjson.decode(raw)
  local seconds = tonumber(p.seconds) or 0
  if p.since_ms then seconds = seconds + math.max(0, (now_ms - tonumber(p.since_ms)) / 1000) end
  local s = '{"user_id":' .. cjson.encode(p.user_id) .. ',"username":' .. cjson.encode(p.username)
    .. ',"joined_at":' .. cjson.encode(p.joined_at) .. ',"duration":' .. string.format('%.17g', seconds) .. '}'
  budget = budget - #s - 1
  table.insert(participants, s)
end
local log = redis.call('LRANGE', KEYS[5], 0, -1)
-- Log entries are the JSON Node wrote, with "type" first: dropping that member gives the entry
-- itself, byte for byte (no decode and re-encode, which would round numbers to 14 digits).
local exercise = {}
local EX = '{"type":"exercise",'
local MSG = '{"type":"message",'
for _, raw in ipairs(log) do
  if string.sub(raw, 1, #EX) == EX then
    local s = '{' .. string.sub(raw, #EX + 1)
    budget = budget - #s - 1
    table.insert(exercise, s)
  end
end
local dropped = tonumber(m.messages_dropped or '0')
local newest_first = {}
local full = false
for i = #log, 1, -1 do
  local raw = log[i]
  if string.sub(raw, 1, #MSG) == MSG then
    local s = '{' .. string.sub(raw, #MSG + 1)
    if not full and #s + 1 > budget then full = true end
    if full then
      dropped = dropped + 1
    else
      budget = budget - #s - 1
      table.insert(newest_first, s)
    end
  end
end
local messages = {}
for i = #newest_first, 1, -1 do table.insert(messages, newest_first[i]) end
local record = '{"session_id":' .. cjson.encode(m.session_id)
  .. ',"name":' .. cjson.encode(m.name or '')
  .. ',"workout_type":' .. cjson.encode(m.workout_type)
  .. ',"creator_id":' .. cjson.encode(m.creator_id)
  .. ',"started_at":' .. cjson.encode(m.started_at)
  .. ',"ended_at":' .. cjson.encode(ARGV[1])
  .. ',"participants":[' .. table.concat(participants, ',') .. ']'
  .. ',"messages":[' .. table.concat(messages, ',') .. ']'
  .. ',"exercise_updates":[' .. table.concat(exercise, ',') .. ']'
  .. ',"messages_dropped":' .. dropped .. '}'
redis.call('HSET', KEYS[8], m.session_id, record)
if ARGV[5] ~= '' then redis.call('HSET', KEYS[10], m.session_id, ARGV[5]) end
redis.call('ZADD', KEYS[7], now_ms, m.session_id)
for i = 1, 6 do redis.call('EXPIRE', KEYS[i], ARGV[4]) end
redis.call('ZREM', KEYS[9], m.session_id)
return record`;
