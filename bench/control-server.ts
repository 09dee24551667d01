/**
 * The CONTROL of the webhook benchmark: a bare Fastify server doing the same work as the service
 * for a seQura `risk_assessment` event, and nothing else (no Nest, no guard, no pipes, no TypeORM,
 * no request logging). Run as its own process, like the service:
 *
 *   DATABASE_URL=postgres://… PORT=3100 WEBHOOK_SECRET=… node dist-tools/bench/control-server.js
 *
 * The work, per request, as in WebhooksService + RiskAssessmentEventHandler + OrderLifecycleService:
 * parse the form (@fastify/formbody: the same fast-querystring parser Nest's adapter uses), check
 * the signature in constant time (the same `verifyOrderRefSignature`), compute the dedupe key, then
 * one transaction with the same statements the service sends (read with `BENCH_TRACE_SQL=1`):
 * row lock `SELECT … FOR UPDATE` (every column, like TypeORM's findOne), the dedupe lookup in
 * `webhook_events`, the UPDATE of the order (version and updated_at move), the history note, and the
 * `webhook_events` row with the payload minus the signature. Bad input is answered 400/403/404.
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { verifyOrderRefSignature } from '../src/webhooks/webhook-signature.js';

const RISK_LEVELS = new Set(['low_risk', 'high_risk', 'under_evaluation']);
const json = 'application/json; charset=utf-8';

export async function startControlServer(options: {
  databaseUrl: string;
  port: number;
  host?: string;
  secret: string;
  poolSize?: number;
}) {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    application_name: 'bench-control',
  });
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(formbody);

  app.get('/health', async (_request, reply) => {
    await pool.query('SELECT 1');
    return reply.header('content-type', json).send('{"status":"ok"}');
  });

  app.post('/webhooks/sequra/events', async (request, reply) => {
    const body = request.body as Record<string, string | string[]> | undefined;
    const field = (name: string) => (typeof body?.[name] === 'string' ? body[name] : undefined);
    const orderRef1 = field('order_ref_1') || field('m_order');
    const orderRef = field('order_ref');
    const level = field('risk_level');
    if (
      !orderRef1 ||
      !orderRef ||
      field('event') !== 'risk_assessment' ||
      !level ||
      !RISK_LEVELS.has(level) ||
      field('utf8') !== '\u221a'
    ) {
      return reply.status(400).header('content-type', json).send('{"statusCode":400}');
    }
    if (!verifyOrderRefSignature([options.secret], orderRef1, field('m_signature'))) {
      return reply.status(403).header('content-type', json).send('{"statusCode":403}');
    }
    const payload: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body!))
      if (key !== 'm_signature' && key !== 'signature') payload[key] = value;
    const dedupeKey = createHash('sha256')
      .update(JSON.stringify(['event', 'risk_assessment', orderRef1, orderRef, ['risk_level', level]]))
      .digest('hex');

    const client = await pool.connect();
    let status = 200;
    let responseBody = '';
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT * FROM orders WHERE order_ref_1 = $1 LIMIT 1 FOR UPDATE', [
        orderRef1,
      ]);
      const order = rows[0];
      if (!order) {
        await client.query('ROLLBACK');
        status = 404;
        responseBody = '{"statusCode":404}';
      } else {
        const previous = await client.query(
          `SELECT id, status, response_body FROM webhook_events
           WHERE dedupe_key = $1 AND final = true AND replay_of IS NULL LIMIT 1`,
          [dedupeKey],
        );
        let replayOf: string | null = null;
        if (previous.rows[0]) {
          replayOf = previous.rows[0].id;
          status = previous.rows[0].status;
          responseBody = previous.rows[0].response_body ?? '';
        } else if (
          order.state !== 'denied' &&
          order.state !== 'cancelled' &&
          (order.sequra_order_ref === null || order.sequra_order_ref === orderRef) &&
          order.risk_level !== level
        ) {
          await client.query(
            'UPDATE orders SET risk_level = $1, version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = $2',
            [level, order.id],
          );
          await client.query(
            `INSERT INTO order_history (order_id, kind, from_state, to_state, cause, actor, details)
             VALUES ($1, 'note', $2, $2, 'webhook', 'seQura', $3)`,
            [
              order.id,
              order.state,
              { event: 'risk_assessment', from_risk_level: order.risk_level, risk_level: level, order_ref: orderRef },
            ],
          );
        }
        await client.query(
          `INSERT INTO webhook_events (kind, event, order_ref_1, order_ref_2, order_ref, payload, status, response_body,
                                      dedupe_key, final, replay_of)
           VALUES ('event', 'risk_assessment', $1, $2, $3, $4, $5, $6, $7, true, $8) RETURNING id`,
          [orderRef1, field('order_ref_2') ?? null, orderRef, payload, status, responseBody, dedupeKey, replayOf],
        );
        await client.query('COMMIT');
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return reply.status(status).header('content-type', json).send(responseBody);
  });

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

// Run as a process: `node dist-tools/bench/control-server.js`.
if (process.argv[1]?.endsWith('control-server.js')) {
  const { DATABASE_URL, PORT, WEBHOOK_SECRET, DB_POOL_SIZE } = process.env;
  if (!DATABASE_URL || !PORT || !WEBHOOK_SECRET) {
    console.error('control-server: DATABASE_URL, PORT and WEBHOOK_SECRET are required');
    process.exit(2);
  }
  const server = await startControlServer({
    databaseUrl: DATABASE_URL,
    port: Number(PORT),
    secret: WEBHOOK_SECRET,
    poolSize: DB_POOL_SIZE ? Number(DB_POOL_SIZE) : 20,
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
