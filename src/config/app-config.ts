import { plainToInstance, Transform } from 'class-transformer';
import type { DatabaseTimeouts } from '../database/data-source-options.js';
import { isIP } from 'node:net';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { validateCronExpression } from 'cron';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { STATE_NAME } from '../database/embedded-database.js';

/** One API key: the name shows up in audit rows and logs, the secret never does. */
export interface ApiKey {
  name: string;
  secret: string;
}

export type SequraEnv = 'sandbox' | 'live';

/**
 * How shipments reach seQura. `daily`: an order's first shipment goes in the next delivery report
 * (its changes until then wait for it), later ones by Order Update. `realtime` (seQura's current
 * core): every shipment by Order Update at once; the daily report carries statistics only.
 */
export const SHIPPING_REPORT_MODES = ['daily', 'realtime'] as const;
export type ShippingReportMode = (typeof SHIPPING_REPORT_MODES)[number];

export const SEQURA_BASE_URLS: Record<SequraEnv, string> = {
  sandbox: 'https://sandbox.sequrapi.com',
  live: 'https://live.sequrapi.com',
};

/**
 * `false`: the client address is the TCP peer and `X-Forwarded-For` is ignored. A list: requests
 * from proxies at these addresses or CIDR ranges (or proxy-addr's `loopback`, `linklocal`,
 * `uniquelocal`) are trusted to say, in `X-Forwarded-For`, whom they forward for.
 */
export type TrustProxy = false | string[];

/**
 * The longest retry delay and poll interval: a day. A next attempt is then always a timer Node can
 * hold (≤ 2^31 − 1 ms) and a delay PostgreSQL computes in an `integer`.
 */
const ONE_DAY_MS = 86_400_000;

/** The typed configuration every module reads. Built once, at boot, by {@link loadConfig}. */
export class AppConfig {
  nodeEnv: string;
  isProduction: boolean;
  port: number;
  host: string;
  logLevel: string;
  /** Unset: an embedded PostgreSQL is started under {@link dataDir}. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolSize: number;
  /** Bounded waits on the database (see DatabaseTimeouts). */
  dbTimeouts: DatabaseTimeouts;
  /** Longest wait between passes of background work (outbox relay, report resume) while they fail. */
  backgroundBackoffMaxMs: number;
  publicBaseUrl: string;
  apiKeys: ApiKey[];
  adminApiKeys: ApiKey[];
  webhookSecret: string;
  webhookSecretPrevious?: string;
  sequra: {
    env: SequraEnv;
    baseUrl: string;
    user: string;
    password: string;
    merchantId: string;
    timeoutMs: number;
  };
  /**
   * Defaults of a checkout's `return_url` and `abort_url` (`POST /orders/:ref/checkout`), each
   * `{order_ref_1}` replaced by the order's reference; unset: the shop must send them.
   */
  checkout: { returnUrl?: string; abortUrl?: string };
  /** Minutes after approval past which a seQura `cancel` request answers `toolate`; unset = off. */
  cancelWindowMinutes?: number;
  /** Which proxies may set the client address through `X-Forwarded-For` (Fastify's `trustProxy`). */
  trustProxy: TrustProxy;
  /** Failed key checks and bad webhook signatures one client address may make per minute before a 429. */
  authFailuresPerMinute: number;
  /** Set: `GET /metrics` needs `Authorization: Bearer <token>`; unset: it is public, like `/health`. */
  metricsToken?: string;
  outbox: { enabled: boolean; pollMs: number; backoffBaseMs: number; backoffMaxMs: number; maxAttempts: number };
  shippingReport: {
    enabled: boolean;
    mode: ShippingReportMode;
    cron: string;
    timeZone: string;
    batchSize: number;
    statistics: boolean;
    triggerToken?: string;
    backoffBaseMs: number;
    backoffMaxMs: number;
    maxAttempts: number;
  };
  /** The daily clean-up of old webhook events and stored report bodies (see RetentionService). */
  retention: {
    enabled: boolean;
    cron: string;
    webhookEventsDays: number;
    reportPayloadDays: number;
    batchSize: number;
  };
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
/** A scalar as `String()` writes it; anything else (an object, an array) is no yes/no and no number. */
const scalarText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : '';
/** Anything but a recognised yes/no is passed through, so that @IsBoolean names the variable. */
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = scalarText(value).toLowerCase();
  return TRUE.includes(text) ? true : FALSE.includes(text) ? false : value;
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(scalarText(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The environment as strings, validated field by field so an error names the variable. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DB_CONNECT_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_QUERY_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  BACKGROUND_BACKOFF_MAX_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @IsString()
  API_KEYS?: string;

  @IsOptional()
  @IsString()
  ADMIN_API_KEYS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  WEBHOOK_SECRET_PREVIOUS?: string;

  @IsOptional()
  @IsIn(['sandbox', 'live'])
  SEQURA_ENV?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SEQURA_BASE_URL?: string;

  @IsOptional()
  @IsString()
  SEQURA_USER?: string;

  @IsOptional()
  @IsString()
  SEQURA_PASSWORD?: string;

  @IsOptional()
  @IsString()
  SEQURA_MERCHANT_ID?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(29000)
  SEQURA_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CHECKOUT_RETURN_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CHECKOUT_ABORT_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CANCEL_WINDOW_MINUTES?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  OUTBOX_ENABLED?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(ONE_DAY_MS)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(ONE_DAY_MS)
  OUTBOX_BACKOFF_BASE_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(ONE_DAY_MS)
  OUTBOX_BACKOFF_MAX_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SHIPPING_REPORT_ENABLED?: boolean;

  @IsOptional()
  @IsIn(SHIPPING_REPORT_MODES)
  SHIPPING_REPORT_MODE?: ShippingReportMode;

  @IsOptional()
  @IsString()
  SHIPPING_REPORT_CRON?: string;

  @IsOptional()
  @IsString()
  SHIPPING_REPORT_TZ?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  SHIPPING_REPORT_BATCH_SIZE?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SHIPPING_REPORT_STATISTICS?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(ONE_DAY_MS)
  SHIPPING_REPORT_BACKOFF_BASE_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(ONE_DAY_MS)
  SHIPPING_REPORT_BACKOFF_MAX_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHIPPING_REPORT_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  REPORT_TRIGGER_TOKEN?: string;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  RETENTION_ENABLED?: boolean;

  @IsOptional()
  @IsString()
  RETENTION_CRON?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_FAILURES_PER_MINUTE?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  WEBHOOK_EVENTS_RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  REPORT_PAYLOAD_RETENTION_DAYS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  RETENTION_BATCH_SIZE?: number;
}

export class ConfigError extends Error {}

/** The placeholder a default checkout URL may carry: replaced by the order's order_ref_1, URL-encoded. */
export const ORDER_REF_PLACEHOLDER = '{order_ref_1}';

/** A checkout URL template: `{order_ref_1}` replaced by `orderRef1`, percent-encoded. */
export function checkoutUrl(template: string, orderRef1: string): string {
  return template.replaceAll(ORDER_REF_PLACEHOLDER, encodeURIComponent(orderRef1));
}

/** An absolute http(s) URL once its `{order_ref_1}` placeholders are filled in. */
function checkoutUrlTemplate(variable: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(checkoutUrl(value, 'QWER1234'));
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || /\s/.test(value)) {
    throw new ConfigError(
      `${variable}: expected an absolute http(s) URL (it may contain ${ORDER_REF_PLACEHOLDER}), got '${value}'`,
    );
  }
  return value;
}

/**
 * The database waits, checked against each other: PostgreSQL cancels a slow statement
 * (`statement_timeout`) before the client gives up on it (the connection then stays usable), and a
 * transaction may stay idle longer than a call to seQura lasts (the outbox relay, the IPN
 * acknowledgement and the report send hold theirs open across that call).
 */
function databaseTimeouts(parsed: EnvironmentVariables, sequraTimeoutMs: number): DatabaseTimeouts {
  const timeouts: DatabaseTimeouts = {
    connectMs: parsed.DB_CONNECT_TIMEOUT_MS ?? 2000,
    queryMs: parsed.DB_QUERY_TIMEOUT_MS ?? 5000,
    statementMs: parsed.DB_STATEMENT_TIMEOUT_MS ?? 4000,
    idleInTransactionMs: parsed.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 30_000,
  };
  if (timeouts.statementMs >= timeouts.queryMs) {
    throw new ConfigError(
      `DB_STATEMENT_TIMEOUT_MS (${timeouts.statementMs}) must be below DB_QUERY_TIMEOUT_MS (${timeouts.queryMs}): ` +
        'PostgreSQL should cancel a slow statement before the client gives up on its connection',
    );
  }
  if (timeouts.idleInTransactionMs < sequraTimeoutMs + 2000) {
    throw new ConfigError(
      `DB_IDLE_IN_TRANSACTION_TIMEOUT_MS (${timeouts.idleInTransactionMs}) must be at least SEQURA_TIMEOUT_MS + 2000 ` +
        `(${sequraTimeoutMs + 2000}): some transactions stay open while seQura is called`,
    );
  }
  return timeouts;
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One `TRUST_PROXY` list entry: an IP address, a CIDR range, or a proxy-addr range name. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: unset or `false` → off; else a comma-separated list of the proxies' addresses.
 * `true` (trust every hop) and hop counts are refused: with `true` the left-most `X-Forwarded-For`
 * entry, which the client writes, would be the client address, so any client could choose the
 * address the failed-authentication limit counts; Fastify 5 ignores hop counts (it cannot check
 * that the peer is a proxy).
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true' || /^\d+$/.test(value)) {
    throw new ConfigError(
      `TRUST_PROXY: '${value}' would let clients choose their address through X-Forwarded-For; ` +
        "give the proxies' addresses instead (e.g. 10.0.0.0/8 or loopback)",
    );
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      `TRUST_PROXY: not an IP address, CIDR range, loopback, linklocal or uniquelocal: ${bad.join(', ')}`,
    );
  }
  return entries;
}

/**
 * DATA_DIR when unset: `./.data` for a normal user. As root, PostgreSQL runs as the `postgres` user, who
 * cannot enter a clone under a folder closed to others (like /root); root's default is therefore
 * /var/lib/sequra-merchant-backend/<clone folder name>-<hash of the clone path>: reachable, kept across
 * reboots, one per clone. A `./.data` that already holds a cluster (root's default before) stays in use.
 */
export function defaultDataDir(isRoot = process.getuid?.() === 0, cwd = process.cwd()): string {
  if (!isRoot || existsSync(path.join(cwd, '.data', 'pg', 'PG_VERSION'))) return './.data';
  const clone = path.resolve(cwd);
  const hash = createHash('sha256').update(clone).digest('hex').slice(0, 12);
  return path.join('/var/lib', STATE_NAME, `${path.basename(clone) || 'root'}-${hash}`);
}

/** Secrets that must be set in production; outside it they get a development default and a warning. */
const DEV_DEFAULTS = {
  API_KEYS: 'dev-service:dev-service-key',
  ADMIN_API_KEYS: 'dev-admin:dev-admin-key',
  WEBHOOK_SECRET: 'dev-webhook-secret-change-me',
  SEQURA_USER: 'dev-user',
  SEQURA_PASSWORD: 'dev-password',
  SEQURA_MERCHANT_ID: 'dev-merchant',
} as const;

/**
 * Parses `API_KEYS`-style lists: comma-separated `name:secret` entries (a bare secret is named
 * `<prefix>-<n>`), so two keys can be live during a rotation.
 */
export function parseApiKeys(variable: string, raw: string, prefix: string): ApiKey[] {
  const keys = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      const key =
        colon > 0
          ? { name: entry.slice(0, colon), secret: entry.slice(colon + 1) }
          : { name: `${prefix}-${i + 1}`, secret: entry };
      if (key.secret.length < 8) throw new ConfigError(`${variable}: every key must be at least 8 characters long`);
      return key;
    });
  if (keys.length === 0) throw new ConfigError(`${variable}: no key given`);
  return keys;
}

/**
 * Validates the environment and builds the typed {@link AppConfig}. Throws a {@link ConfigError} naming
 * every bad variable; `warn` receives the development defaults that were filled in.
 */
export function loadConfig(env: NodeJS.ProcessEnv, warn: (message: string) => void = () => {}): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const isProduction = parsed.NODE_ENV === 'production';
  const secret = (name: keyof typeof DEV_DEFAULTS): string => {
    const value = env[name];
    if (value) return value;
    if (isProduction) throw new ConfigError(`${name} must be set when NODE_ENV=production`);
    warn(`${name} is not set: using a development default. Never run like this in production.`);
    return DEV_DEFAULTS[name];
  };
  if (isProduction && !parsed.PUBLIC_BASE_URL)
    throw new ConfigError('PUBLIC_BASE_URL must be set when NODE_ENV=production');
  const port = parsed.PORT ?? 3000;
  const sequraEnv = (parsed.SEQURA_ENV ?? 'sandbox') as SequraEnv;
  const shippingReportCron = parsed.SHIPPING_REPORT_CRON ?? '0 3 * * *';
  const timeZone = parsed.SHIPPING_REPORT_TZ ?? 'Europe/Madrid';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`SHIPPING_REPORT_TZ: unknown time zone '${timeZone}'`);
  }
  if (shippingReportCron.trim().split(/\s+/).length < 5) {
    throw new ConfigError('SHIPPING_REPORT_CRON: expected a cron expression with 5 or 6 fields');
  }
  const retentionCron = parsed.RETENTION_CRON ?? '30 4 * * *';
  const cronCheck = validateCronExpression(retentionCron);
  if (!cronCheck.valid) {
    throw new ConfigError(`RETENTION_CRON: not a cron expression ('${retentionCron}'): ${cronCheck.error?.message}`);
  }
  const sequraTimeoutMs = parsed.SEQURA_TIMEOUT_MS ?? 8000;
  const dbTimeouts = databaseTimeouts(parsed, sequraTimeoutMs);
  return {
    nodeEnv: parsed.NODE_ENV ?? 'development',
    isProduction,
    port,
    host: parsed.HOST ?? '0.0.0.0',
    logLevel: parsed.LOG_LEVEL ?? 'info',
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.DATA_DIR ?? defaultDataDir(),
    embeddedPgPort: parsed.EMBEDDED_PG_PORT ?? 54329,
    dbPoolSize: parsed.DB_POOL_SIZE ?? 20,
    dbTimeouts,
    backgroundBackoffMaxMs: parsed.BACKGROUND_BACKOFF_MAX_MS ?? 30_000,
    publicBaseUrl: (parsed.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    apiKeys: parseApiKeys('API_KEYS', secret('API_KEYS'), 'service'),
    adminApiKeys: parseApiKeys('ADMIN_API_KEYS', secret('ADMIN_API_KEYS'), 'admin'),
    webhookSecret: secret('WEBHOOK_SECRET'),
    webhookSecretPrevious: parsed.WEBHOOK_SECRET_PREVIOUS,
    sequra: {
      env: sequraEnv,
      baseUrl: (parsed.SEQURA_BASE_URL ?? SEQURA_BASE_URLS[sequraEnv]).replace(/\/+$/, ''),
      user: secret('SEQURA_USER'),
      password: secret('SEQURA_PASSWORD'),
      merchantId: secret('SEQURA_MERCHANT_ID'),
      timeoutMs: sequraTimeoutMs,
    },
    checkout: {
      returnUrl: checkoutUrlTemplate('CHECKOUT_RETURN_URL', parsed.CHECKOUT_RETURN_URL),
      abortUrl: checkoutUrlTemplate('CHECKOUT_ABORT_URL', parsed.CHECKOUT_ABORT_URL),
    },
    cancelWindowMinutes: parsed.CANCEL_WINDOW_MINUTES,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    authFailuresPerMinute: parsed.AUTH_FAILURES_PER_MINUTE ?? 30,
    metricsToken: parsed.METRICS_TOKEN,
    outbox: {
      enabled: parsed.OUTBOX_ENABLED ?? true,
      pollMs: parsed.OUTBOX_POLL_MS ?? 1000,
      backoffBaseMs: parsed.OUTBOX_BACKOFF_BASE_MS ?? 1000,
      backoffMaxMs: parsed.OUTBOX_BACKOFF_MAX_MS ?? 5 * 60_000,
      maxAttempts: parsed.OUTBOX_MAX_ATTEMPTS ?? 50,
    },
    shippingReport: {
      enabled: parsed.SHIPPING_REPORT_ENABLED ?? true,
      mode: parsed.SHIPPING_REPORT_MODE ?? 'daily',
      cron: shippingReportCron,
      timeZone,
      batchSize: parsed.SHIPPING_REPORT_BATCH_SIZE ?? 1000,
      statistics: parsed.SHIPPING_REPORT_STATISTICS ?? true,
      triggerToken: parsed.REPORT_TRIGGER_TOKEN,
      backoffBaseMs: parsed.SHIPPING_REPORT_BACKOFF_BASE_MS ?? 1000,
      backoffMaxMs: parsed.SHIPPING_REPORT_BACKOFF_MAX_MS ?? 60_000,
      maxAttempts: parsed.SHIPPING_REPORT_MAX_ATTEMPTS ?? 8,
    },
    retention: {
      enabled: parsed.RETENTION_ENABLED ?? true,
      cron: retentionCron,
      webhookEventsDays: parsed.WEBHOOK_EVENTS_RETENTION_DAYS ?? 90,
      reportPayloadDays: parsed.REPORT_PAYLOAD_RETENTION_DAYS ?? 90,
      batchSize: parsed.RETENTION_BATCH_SIZE ?? 1000,
    },
  };
}
