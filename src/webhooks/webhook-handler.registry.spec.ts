import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { buildHandlerMap, WebhookHandlerRegistry } from './webhook-handler.registry.js';
import { ok, WebhookHandler, WebhookStrategy } from './webhook-strategy.js';

@WebhookHandler('event', 'cancel')
class CancelA implements WebhookStrategy {
  handle = async () => ok({ from: 'A' });
}

@WebhookHandler('event', 'cancel')
class CancelB implements WebhookStrategy {
  handle = async () => ok({ from: 'B' });
}

@WebhookHandler('ipn', 'cancel')
class IpnCancel implements WebhookStrategy {
  handle = async () => ok();
}

async function registryWith(...handlers: (new () => WebhookStrategy)[]) {
  @Module({ imports: [DiscoveryModule], providers: [WebhookHandlerRegistry, ...handlers] })
  class HandlersModule {}
  const moduleRef = await Test.createTestingModule({ imports: [HandlersModule] }).compile();
  await moduleRef.init();
  return moduleRef;
}

describe('WebhookHandlerRegistry', () => {
  it('finds each decorated handler by kind and name; the same name under another kind is another key', async () => {
    const moduleRef = await registryWith(CancelA, IpnCancel);
    const registry = moduleRef.get(WebhookHandlerRegistry);
    expect(registry.keys()).toEqual(['event:cancel', 'ipn:cancel']);
    expect(registry.find('event', 'cancel')).toBeInstanceOf(CancelA);
    expect(registry.find('ipn', 'cancel')).toBeInstanceOf(IpnCancel);
    expect(registry.find('event', 'refund')).toBeUndefined();
    await moduleRef.close();
  });

  it('a key claimed by two classes stops the start, naming both', async () => {
    await expect(registryWith(CancelA, CancelB)).rejects.toThrow("Two webhook handlers for 'event:cancel': CancelA and CancelB");
  });

  it('buildHandlerMap refuses duplicates on its own', () => {
    const handler = { handle: async () => ok() };
    expect(() =>
      buildHandlerMap([
        { key: { kind: 'ipn', name: 'approved' }, handler, className: 'One' },
        { key: { kind: 'ipn', name: 'approved' }, handler, className: 'Two' },
      ]),
    ).toThrow(/'ipn:approved': One and Two/);
  });
});
