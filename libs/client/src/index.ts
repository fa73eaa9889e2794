// @fitness/client: the typed REST and Socket.IO client of the Fitness Goal Tracker gateway.
// Browser-safe (no Node built-ins): the REST types are generated from openapi.json (`make client`).
export * from './api.js';
export * from './realtime.js';
export type { components, operations, paths } from './generated/api.js';
