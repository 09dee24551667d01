import { StandInMerchant, startSequraStandIn } from './sequra-stand-in.js';

/**
 * `npm run sequra:stand-in`: the seQura stand-in on its own, so the whole flow runs on one machine.
 * Point the service at it with `SEQURA_BASE_URL=http://127.0.0.1:8089` and the same credentials.
 * Its merchant accounts: `STAND_IN_MERCHANTS=ES:shop-es,PT:shop-pt`, else `SEQURA_MERCHANT_ID` (or
 * `dev-merchant`) for ES. Logs method, path and status of each request (never headers or bodies).
 */
function merchantsFromEnv(): StandInMerchant[] {
  const listed = (process.env.STAND_IN_MERCHANTS ?? '').split(',').filter((e) => e.trim());
  if (listed.length === 0) return [{ ref: process.env.SEQURA_MERCHANT_ID || 'dev-merchant', country: 'ES' }];
  return listed.map((entry) => {
    const [country, ref] = entry.trim().split(':');
    if (!country || !ref) throw new Error(`STAND_IN_MERCHANTS: '${entry}' is not COUNTRY:merchant`);
    return { ref, country: country.toUpperCase() };
  });
}

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 8089;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: '${process.env.PORT}' is not a port number`);
  const standIn = await startSequraStandIn({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    user: process.env.SEQURA_USER || 'dev-user',
    password: process.env.SEQURA_PASSWORD || 'dev-password',
    merchants: merchantsFromEnv(),
    controlRoutes: true,
    onResponse: (r) =>
      console.log(`${r.at.toISOString()} ${r.method} ${r.rawPath} ${r.status === 0 ? 'hanging (scripted)' : r.status}`),
  });
  const accounts = standIn.merchants.map((m) => `${m.country}:${m.ref}`).join(', ');
  console.log(`seQura stand-in listening on ${standIn.url} (merchant accounts ${accounts})`);
  console.log(
    'Script failures: curl -X POST -d \'{"count":3,"mode":"error500"}\' ' + `${standIn.url}/__stand-in/fail-next`,
  );
  console.log(
    `Finish a checkout as the shopper: curl -X POST ${standIn.url}/orders/<uuid>/pumbaa_form -d outcome=approved`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    standIn.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`stand-in did not close cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`seQura stand-in failed to start: ${error.message}`);
  process.exit(1);
});
