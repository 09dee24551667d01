import type { Type } from '@nestjs/common';
import { DOCUMENTED_WEBHOOKS, ok, WebhookHandler, WebhookHandlerMap } from './webhook-handler.js';
import { buildHandlerLookup, handlerMapProblems, UncheckedHandlerMap } from './webhook-handler.registry.js';
import { WEBHOOK_HANDLERS } from './webhook-handlers.js';

class Approved implements WebhookHandler {
  handle = async () => ok();
}
class NeedsReview implements WebhookHandler {
  handle = async () => ok();
}
class Cancel implements WebhookHandler {
  handle = async () => ok();
}
class Refund implements WebhookHandler {
  handle = async () => ok();
}

const documented = { ipn: ['approved', 'needs_review'], event: ['cancel', 'cancelled'] } as const;
const ipn = { approved: Approved, needs_review: NeedsReview };
const problems = (map: UncheckedHandlerMap) => handlerMapProblems(map, documented);
const build = (map: UncheckedHandlerMap) =>
  buildHandlerLookup(map, documented, (type: Type<WebhookHandler>) => new type());

describe('handlerMapProblems', () => {
  it('none when every documented name has exactly one handler', () => {
    expect(problems({ ipn, event: { cancel: Cancel, cancelled: Refund } })).toEqual([]);
  });

  it('a documented name without a handler is a gap: left out, undefined (an import cycle), or a whole kind', () => {
    expect(problems({ ipn: { approved: Approved, needs_review: undefined }, event: { cancel: Cancel } })).toEqual([
      "No webhook handler for 'ipn:needs_review'",
      "No webhook handler for 'event:cancelled'",
    ]);
    expect(problems({ ipn })).toEqual([
      "No webhook handler for 'event:cancel'",
      "No webhook handler for 'event:cancelled'",
    ]);
  });

  it('a handler for a name or kind seQura does not document is refused, naming the class', () => {
    expect(problems({ ipn, event: { cancel: Cancel, cancelled: Refund, refund: Refund } })).toEqual([
      "Webhook handler Refund for 'event:refund', which seQura does not document",
      "Webhook handler Refund is registered for both 'event:cancelled' and 'event:refund'",
    ]);
    expect(problems({ ipn, event: { cancel: Cancel, cancelled: Refund }, refund: { approved: Approved } })).toEqual([
      "Webhook handler Approved for 'refund:approved', which seQura does not document",
      "Webhook handler Approved is registered for both 'ipn:approved' and 'refund:approved'",
    ]);
    expect(problems({ ipn, event: { cancel: Cancel, cancelled: Refund, refund: undefined } })).toEqual([
      "Webhook handler undefined for 'event:refund', which seQura does not document",
    ]);
  });

  it('one class under two names is refused, naming both (a copy-paste slip would answer the wrong protocol)', () => {
    expect(problems({ ipn, event: { cancel: Cancel, cancelled: Cancel } })).toEqual([
      "Webhook handler Cancel is registered for both 'event:cancel' and 'event:cancelled'",
    ]);
  });

  it('the real map has none', () => {
    expect(handlerMapProblems(WEBHOOK_HANDLERS, DOCUMENTED_WEBHOOKS)).toEqual([]);
  });
});

describe('buildHandlerLookup', () => {
  it('stops the start with every problem in one message', () => {
    expect(() => build({ ipn: { approved: Approved }, event: { cancel: Cancel, cancelled: Cancel } })).toThrow(
      "Webhook handlers do not match seQura's documentation: No webhook handler for 'ipn:needs_review'; " +
        "Webhook handler Cancel is registered for both 'event:cancel' and 'event:cancelled'",
    );
  });

  it('finds each handler by kind and name; the same name under another kind is another handler', () => {
    const lookup = build({ ipn, event: { cancel: Cancel, cancelled: Refund } });
    expect(lookup.get('ipn')?.get('approved')).toBeInstanceOf(Approved);
    expect(lookup.get('event')?.get('cancel')).toBeInstanceOf(Cancel);
    expect(lookup.get('event')?.get('cancelled')).toBeInstanceOf(Refund);
    expect(lookup.get('ipn')?.get('cancel')).toBeUndefined();
    expect(lookup.get('event')?.get('constructor')).toBeUndefined();
  });
});

describe('WebhookHandlerMap', () => {
  it('is typed against the documented names: a gap or an unknown name does not compile', () => {
    const events = { cancelled: Refund, cancel: Cancel, denied: Refund, risk_assessment: Refund };
    const complete: WebhookHandlerMap = { ipn, event: events };
    // @ts-expect-error risk_assessment has no handler
    const gap: WebhookHandlerMap = { ipn, event: { cancelled: Refund, cancel: Cancel, denied: Refund } };
    // @ts-expect-error seQura documents no `refund` event
    const unknown: WebhookHandlerMap = { ipn, event: { ...events, refund: Refund } };
    expect([complete, gap, unknown]).toHaveLength(3);
  });
});
