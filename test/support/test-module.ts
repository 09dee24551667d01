import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AuthModule } from '../../src/auth/auth.module.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { MetricsModule } from '../../src/metrics/metrics.module.js';
import { TEST_ENV } from './test-app.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export interface TestModule {
  module: TestingModule;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The middle test tier: real services and repositories of the given feature modules on a fresh
 * database cloned from the migrated template, without HTTP (no Fastify, guards or pipes). Faster to
 * start than the whole app, and services are called directly, with their own types.
 */
export async function startTestModule(
  imports: ModuleMetadata['imports'],
  env: Record<string, string> = {},
): Promise<TestModule> {
  const db = await createTestDatabase();
  const config = loadConfig({ ...TEST_ENV, ...env, DATABASE_URL: db.url });
  try {
    const metadata = {
      imports: [ConfigModule.forRoot(config), DatabaseModule, AuthModule, MetricsModule, ...(imports ?? [])],
    };
    const module = await Test.createTestingModule(metadata).compile();
    await module.init();
    return {
      module,
      config,
      db,
      close: async () => {
        await module.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
