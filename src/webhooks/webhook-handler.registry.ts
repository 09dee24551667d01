import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WebhookKind } from './webhook-event.entity.js';
import { DOCUMENTED_WEBHOOKS, WebhookHandler } from './webhook-handler.js';
import { WEBHOOK_HANDLERS } from './webhook-handlers.js';

/** A handler map as it may arrive at run time: the compiler's guarantees can be lost to a cast or an import cycle. */
export type UncheckedHandlerMap = Readonly<Record<string, Readonly<Record<string, Type<WebhookHandler> | undefined>>>>;

/**
 * Why a handler map cannot serve seQura, one message per problem; empty when every documented name
 * has exactly one handler. A gap would answer 501 to a documented event; an undocumented name is a
 * typo or a handler for something seQura never sends; one class under two names is a copy-paste slip.
 */
export function handlerMapProblems(
  map: UncheckedHandlerMap,
  documented: Readonly<Record<WebhookKind, readonly string[]>>,
): string[] {
  const problems: string[] = [];
  for (const [kind, names] of Object.entries(documented)) {
    for (const name of names) {
      if (typeof map[kind]?.[name] !== 'function') problems.push(`No webhook handler for '${kind}:${name}'`);
    }
  }
  const keysOf = new Map<Type<WebhookHandler>, string>();
  for (const [kind, byName] of Object.entries(map)) {
    for (const [name, handler] of Object.entries(byName)) {
      const key = `${kind}:${name}`;
      if (!(documented as Record<string, readonly string[]>)[kind]?.includes(name)) {
        problems.push(`Webhook handler ${handler?.name} for '${key}', which seQura does not document`);
      }
      if (typeof handler !== 'function') continue; // Reported above: missing, or undocumented.
      const other = keysOf.get(handler);
      if (other) problems.push(`Webhook handler ${handler.name} is registered for both '${other}' and '${key}'`);
      else keysOf.set(handler, key);
    }
  }
  return problems;
}

type HandlerLookup = ReadonlyMap<string, ReadonlyMap<string, WebhookHandler>>;

/**
 * Checks a handler map (every problem at once, so one failed start shows them all), then builds the
 * lookup by kind and name, with `resolve` turning each class into its instance.
 */
export function buildHandlerLookup(
  map: UncheckedHandlerMap,
  documented: Readonly<Record<WebhookKind, readonly string[]>>,
  resolve: (type: Type<WebhookHandler>) => WebhookHandler,
): HandlerLookup {
  const problems = handlerMapProblems(map, documented);
  if (problems.length > 0) {
    throw new Error(`Webhook handlers do not match seQura's documentation: ${problems.join('; ')}`);
  }
  return new Map(
    Object.entries(map).map(([kind, byName]) => [
      kind,
      new Map(Object.entries(byName).map(([name, type]) => [name, resolve(type!)])),
    ]),
  );
}

/**
 * The handler of each IPN state and event, from WEBHOOK_HANDLERS. Checked once at boot: a problem
 * stops the start (like the state graph) rather than surfacing as a 501 to seQura in production.
 */
@Injectable()
export class WebhookHandlerRegistry implements OnModuleInit {
  private handlers: HandlerLookup = new Map();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.handlers = buildHandlerLookup(WEBHOOK_HANDLERS, DOCUMENTED_WEBHOOKS, (type) => this.moduleRef.get(type));
  }

  /** The handler of this IPN state or event; undefined when seQura sent a name we do not know (→ 501). */
  find(kind: WebhookKind, name: string): WebhookHandler | undefined {
    return this.handlers.get(kind)?.get(name);
  }
}
