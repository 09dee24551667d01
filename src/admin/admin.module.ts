import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ADMIN_DIR, adminPagePlugin } from './admin-page.plugin.js';

/** The back-office page at `/admin`: static files only; it speaks to the REST API like any client. */
@Module({})
export class AdminModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    // Runs during app.init(), before Fastify is ready, so the plugin can still be registered.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(adminPagePlugin, { dir: ADMIN_DIR });
  }
}
