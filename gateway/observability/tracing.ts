import { createRequire } from 'node:module';
import { context, propagation, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AgencyFailure } from '../sharding/agencyClient.js';
import type { AgencySender } from '../sharding/fanout.js';

/** OpenTelemetry tracing (issue 12): off unless configured. */
export const tracingConfigSchema = z
  .object({
    /** OTLP/HTTP traces endpoint, e.g. `http://collector:4318/v1/traces`. */
    otlpUrl: z.string().url(),
    /** @default convergence-gateway */
    serviceName: z.string().min(1).default('convergence-gateway'),
  })
  .strict();

export type TracingConfig = z.infer<typeof tracingConfigSchema>;

/*
 * The SDK, the OTLP exporter and their dependencies (~25 MB of RSS) are loaded only when tracing is on:
 * a gateway with tracing off (the default) does not carry them (issue 12, the gateway's memory).
 */
const load = createRequire(import.meta.url);
const sdk = () => ({
  ...(load('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base')),
  ...(load('@opentelemetry/core') as typeof import('@opentelemetry/core')),
  ...(load('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks')),
});

let w3c: W3CTraceContextPropagator | undefined;

/** Async context and W3C propagation, once per process (they are process-wide in OpenTelemetry). */
function ensureContext(): W3CTraceContextPropagator {
  if (w3c) return w3c;
  const { AsyncLocalStorageContextManager, W3CTraceContextPropagator } = sdk();
  w3c = new W3CTraceContextPropagator();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(w3c);
  return w3c;
}

export interface GatewayTracing {
  /** Starts the request's server span, child of the caller's `traceparent` when it sends one. */
  readonly middleware: RequestHandler;
  /** One client span per agency fetch, its `traceparent` sent to the agency. */
  wrap(send: AgencySender): AgencySender;
  shutdown(): Promise<void>;
}

/** Tracing with the OTLP exporter of the config, or any exporter (tests: an in-memory one). */
export function createTracing(config: TracingConfig | undefined, exporter?: SpanExporter): GatewayTracing | undefined {
  if (!config && !exporter) return undefined;
  const w3c = ensureContext();
  const { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = sdk();
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(
        new (
          load('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')
        ).OTLPTraceExporter({ url: config!.otlpUrl }),
      );
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const tracer: Tracer = provider.getTracer(config?.serviceName ?? 'convergence-gateway');
  return {
    middleware: (req, res, next) => {
      const parent = w3c.extract(context.active(), req.headers, {
        get: (carrier, key) => carrier[key],
        keys: (carrier) => Object.keys(carrier),
      });
      const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER }, parent);
      res.once('finish', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      context.with(trace.setSpan(parent, span), next);
    },
    wrap: (send) => (agency, body, signal, headers) =>
      tracer.startActiveSpan(
        `agency ${agency.code}`,
        { kind: SpanKind.CLIENT, attributes: { 'convergence.agency': agency.code } },
        async (span) => {
          const carrier: Record<string, string> = { ...headers };
          w3c.inject(context.active(), carrier, {
            set: (c, key, value) => {
              c[key] = value;
            },
          });
          try {
            return await send(agency, body, signal, carrier);
          } catch (error) {
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: error instanceof AgencyFailure ? error.code : 'failed',
            });
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    shutdown: () => provider.shutdown(),
  };
}
