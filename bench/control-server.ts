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
 *
 * It is also the CONTROL of the registration benchmark: `POST /orders` with a bearer key (compared
 * in constant time), the JSON body parsed by Fastify, the presence and types of the fields the
 * table needs checked by hand (no class-validator, no class-transformer), the same one statement
 * the service sends (`INSERT … RETURNING` every column: same table, same indexes, same defaults)
 * and the stored row answered 201 as snake_case JSON. A taken order_ref_1 is answered 409.
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { verifyOrderRefSignature } from '../src/webhooks/webhook-signature.js';

const RISK_LEVELS = new Set(['low_risk', 'high_risk', 'under_evaluation']);
const json = 'application/json; charset=utf-8';
/** The account every order registered here belongs to (the service chooses one per order; the control, one for all). */
const CONTROL_MERCHANT_ID = 'bench-merchant';

export async function startControlServer(options: {
  databaseUrl: string;
  port: number;
  host?: string;
  secret: string;
  poolSize?: number;
  /** The bearer key `POST /orders` takes. */
  apiKey?: string;
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

  const apiKey = Buffer.from(`Bearer ${options.apiKey ?? ''}`);
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  app.post('/orders', async (request, reply) => {
    const authorization = Buffer.from(request.headers.authorization ?? '');
    if (!options.apiKey || authorization.length !== apiKey.length || !timingSafeEqual(authorization, apiKey)) {
      return reply.status(401).header('content-type', json).send('{"statusCode":401}');
    }
    const body = request.body;
    const reference = isObject(body) && isObject(body.merchant_reference) ? body.merchant_reference : undefined;
    if (
      !isObject(body) ||
      typeof reference?.order_ref_1 !== 'string' ||
      !isObject(body.cart) ||
      !Array.isArray(body.cart.items) ||
      !Number.isInteger(body.cart.order_total_with_tax) ||
      !isObject(body.customer) ||
      !isObject(body.delivery_address) ||
      !isObject(body.invoice_address)
    ) {
      return reply.status(400).header('content-type', json).send('{"statusCode":400}');
    }
    try {
      const { rows } = await pool.query(
        `INSERT INTO orders (order_ref_1, order_ref_2, sequra_order_ref, sequra_merchant_id, state, cart,
                             shipped_quantities, cancelled_quantities, refunds, sequra_view, delivery_method, customer,
                             delivery_address, invoice_address, trackings)
         VALUES ($1, $2, $3, $9, 'pending', $4, '{}', '{}', '[]', NULL, $5, $6, $7, $8, '[]') RETURNING *`,
        [
          reference.order_ref_1,
          typeof reference.order_ref_2 === 'string' ? reference.order_ref_2 : null,
          typeof body.sequra_order_ref === 'string' ? body.sequra_order_ref : null,
          JSON.stringify(body.cart),
          body.delivery_method === undefined ? null : JSON.stringify(body.delivery_method),
          JSON.stringify(body.customer),
          JSON.stringify(body.delivery_address),
          JSON.stringify(body.invoice_address),
          // The service's account for the order (its delivery country, else the fallback): one account here.
          CONTROL_MERCHANT_ID,
        ],
      );
      const row = rows[0] as Record<string, unknown>;
      const view: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) view[column] = value instanceof Date ? iso(value) : value;
      return reply.status(201).header('content-type', json).send(JSON.stringify(view));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        return reply.status(409).header('content-type', json).send('{"statusCode":409}');
      }
      throw error;
    }
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
  const { DATABASE_URL, PORT, WEBHOOK_SECRET, DB_POOL_SIZE, CONTROL_API_KEY } = process.env;
  if (!DATABASE_URL || !PORT || !WEBHOOK_SECRET) {
    console.error('control-server: DATABASE_URL, PORT and WEBHOOK_SECRET are required');
    process.exit(2);
  }
  const server = await startControlServer({
    databaseUrl: DATABASE_URL,
    port: Number(PORT),
    secret: WEBHOOK_SECRET,
    poolSize: DB_POOL_SIZE ? Number(DB_POOL_SIZE) : 20,
    apiKey: CONTROL_API_KEY,
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
