import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { WebhookKind } from './webhook-event.entity.js';
import { WebhookHandlerKey, webhookHandlerKey, WebhookHandlerMarker, WebhookStrategy } from './webhook-strategy.js';

/** Builds the key → handler map; a key claimed twice is a programming error that must stop the start. */
export function buildHandlerMap(entries: { key: WebhookHandlerKey; handler: WebhookStrategy; className: string }[]): Map<string, WebhookStrategy> {
  const map = new Map<string, WebhookStrategy>();
  const owners = new Map<string, string>();
  for (const { key, handler, className } of entries) {
    const id = webhookHandlerKey(key.kind, key.name);
    const owner = owners.get(id);
    if (owner) throw new Error(`Two webhook handlers for '${id}': ${owner} and ${className}`);
    owners.set(id, className);
    map.set(id, handler);
  }
  return map;
}

/**
 * Maps each event key (and IPN state) to its strategy, found once at boot by scanning the providers
 * marked with `@WebhookHandler`. IPN states and events share this one registry, namespaced by
 * kind, so both get the same duplicate check and the same "unknown → 501" rule.
 */
@Injectable()
export class WebhookHandlerRegistry implements OnModuleInit {
  private handlers = new Map<string, WebhookStrategy>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.handlers = buildHandlerMap(
      this.discovery
        .getProviders({ metadataKey: WebhookHandlerMarker.KEY })
        .filter((wrapper) => wrapper.instance)
        .map((wrapper) => ({
          key: this.discovery.getMetadataByDecorator(WebhookHandlerMarker, wrapper)!,
          handler: wrapper.instance as WebhookStrategy,
          className: wrapper.metatype?.name ?? String(wrapper.token),
        })),
    );
  }

  find(kind: WebhookKind, name: string): WebhookStrategy | undefined {
    return this.handlers.get(webhookHandlerKey(kind, name));
  }

  keys(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
