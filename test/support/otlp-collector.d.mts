// Types of otlp-collector.mjs.
import type { Server } from 'node:http';

export const OTLP_PORT: number;

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  /** service.name and service.instance.id of the process that sent it. */
  service: string;
  instance: string;
  attributes: Record<string, unknown>;
}

export function startCollector(port?: number): Promise<Server>;
export function collectedSpans(): Promise<CollectedSpan[]>;
