import { startSequraStandIn } from './sequra-stand-in.js';

/**
 * `npm run sequra:stand-in`: the seQura stand-in on its own, so the whole flow runs on one machine.
 * Point the service at it with `SEQURA_BASE_URL=http://127.0.0.1:8089` and the same credentials.
 * Logs method, path and status of each request (never headers or bodies).
 */
async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 8089;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: '${process.env.PORT}' is not a port number`);
  const standIn = await startSequraStandIn({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    user: process.env.SEQURA_USER || 'dev-user',
    password: process.env.SEQURA_PASSWORD || 'dev-password',
    merchantId: process.env.SEQURA_MERCHANT_ID || 'dev-merchant',
    controlRoutes: true,
    onResponse: (r) =>
      console.log(`${r.at.toISOString()} ${r.method} ${r.rawPath} ${r.status === 0 ? 'hanging (scripted)' : r.status}`),
  });
  console.log(
    `seQura stand-in listening on ${standIn.url} (merchant '${process.env.SEQURA_MERCHANT_ID || 'dev-merchant'}')`,
  );
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
