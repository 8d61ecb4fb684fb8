import type { RequestHandler } from 'express';
import { accessSummary } from '../../schema/serving/index.js';
import { type GatewayMetrics, OperationLabels } from './metrics.js';

/**
 * Counts and times every GraphQL request by operation and outcome: the same operation and outcome the
 * shared serving layer writes on the request's access-log line (`accessSummary`), with operation names
 * bounded for metric labels.
 */
export function requestObserver(metrics: GatewayMetrics): RequestHandler {
  const labels = new OperationLabels();
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const { operation: name, outcome } = accessSummary(req, res);
      const operation = labels.label(name);
      metrics.requests.inc({ operation, outcome });
      metrics.requestSeconds.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
