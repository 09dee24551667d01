import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { signOrderRef } from '../src/webhooks/webhook-signature.js';
import {
  encodeForm,
  eventFormFields,
  ipnFormFields,
  isAcceptedAnswer,
  SEQURA_WEBHOOK_HEADERS,
} from '../test/support/sequra-webhook-request.js';

/**
 * `npm run sequra:simulate -- <event|ipn-approved|ipn-needs-review> <order_ref_1> [options]`
 *
 * Sends the request seQura would send for an order registered here: the same headers, the same
 * field order, the order's real signature (made with WEBHOOK_SECRET). Prints each status and body
 * and, like seQura, retries a bounded number of times while the answer is not one the protocol
 * accepts (e.g. a 503 while seQura's API is down). Exit code 0 once accepted, 1 otherwise.
 */

const USAGE = `Usage: npm run sequra:simulate -- <event|ipn-approved|ipn-needs-review> <order_ref_1> [options]

  <event>                  cancelled | cancel | denied | risk_assessment | any other name (expect 501)
  --risk-level <level>     risk_assessment: low_risk | high_risk | under_evaluation (default low_risk)
  --order-ref <uuid>       seQura's order uuid (default: one derived from order_ref_1, so an IPN and
                           later events for the same order agree)
  --order-ref-2 <ref>      default "" (the two characters, as seQura sends it)
  --cancellation-request-url <url>   cancel: default a sandbox back-office link
  --url <url>              the service (default http://127.0.0.1:$PORT, PORT from env/.env or 3000),
                           or a full /webhooks/sequra/... endpoint
  --secret <secret>        default WEBHOOK_SECRET from the environment or .env
  --retries <n>            retries after the first attempt (default 3; backoff 1 s, 2 s, 4 s…)`;

/** The service's development default, used when nothing else is configured (it warns too). */
const DEV_WEBHOOK_SECRET = 'dev-webhook-secret-change-me';

/** A stable UUID-shaped reference for an order_ref_1 (sha256-based, version nibble 5). */
function derivedOrderRef(orderRef1: string): string {
  const hex = createHash('sha256').update(`sequra-simulate:${orderRef1}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // No .env: the environment alone.
  }
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'risk-level': { type: 'string' },
        'order-ref': { type: 'string' },
        'order-ref-2': { type: 'string' },
        'cancellation-request-url': { type: 'string' },
        url: { type: 'string' },
        secret: { type: 'string' },
        retries: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [what, orderRef1] = positionals;
  if (!what || !orderRef1 || positionals.length > 2)
    fail('Expected an event (or ipn-approved / ipn-needs-review) and an order_ref_1.');
  const retries = values.retries === undefined ? 3 : Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) fail('--retries must be an integer from 0 to 10');

  const secret = values.secret || process.env.WEBHOOK_SECRET || DEV_WEBHOOK_SECRET;
  if (!values.secret && !process.env.WEBHOOK_SECRET)
    console.warn('WEBHOOK_SECRET is not set: signing with the development default.');
  const orderRef = values['order-ref'] ?? derivedOrderRef(orderRef1);
  // What the order handed out at registration (see `sequra` in the order view): { signature, order }.
  const parameters = { signature: signOrderRef(secret, orderRef1), order: orderRef1 };

  const kind = what === 'ipn-approved' || what === 'ipn-needs-review' ? 'ipn' : 'event';
  let fields: [string, string][];
  if (kind === 'ipn') {
    fields = ipnFormFields({
      state: what === 'ipn-approved' ? 'approved' : 'needs_review',
      orderRef1,
      orderRef,
      parameters,
    });
  } else {
    const extra: Record<string, string> = {};
    if (what === 'risk_assessment') extra.risk_level = values['risk-level'] ?? 'low_risk';
    if (what === 'cancel')
      extra.cancellation_request_url =
        values['cancellation-request-url'] ?? `https://sandbox.sequrapi.com/cancellation_requests/${orderRef}`;
    fields = eventFormFields({ event: what, orderRef1, orderRef2: values['order-ref-2'], orderRef, extra, parameters });
  }

  const base = values.url ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
  const url = base.includes('/webhooks/sequra/')
    ? base
    : `${base.replace(/\/+$/, '')}/webhooks/sequra/${kind === 'ipn' ? 'ipn' : 'events'}`;
  const body = encodeForm(fields);
  const shown = body.replace(/(^|&)(m_)?signature=[^&]*/g, '$1$2signature=[redacted]');
  console.log(
    `POST ${url}\n${Object.entries(SEQURA_WEBHOOK_HEADERS)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\n\n${shown}\n`,
  );

  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const wait = 1000 * 2 ** (attempt - 1);
      console.log(`not accepted by seQura's rules: retrying in ${wait / 1000} s (retry ${attempt} of ${retries})`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: SEQURA_WEBHOOK_HEADERS,
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      console.log(`${res.status} ${res.headers.get('content-type') ?? ''}\n${text === '' ? '(empty body)' : text}`);
      if (isAcceptedAnswer(kind, what, res.status, text)) return;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      console.log(`request failed: ${e.cause?.code ?? e.message}`);
    }
  }
  console.error('gave up: no accepted answer');
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
