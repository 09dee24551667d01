import { CancelEventHandler } from './handlers/cancel-event.handler.js';
import { CancelledEventHandler } from './handlers/cancelled-event.handler.js';
import { DeniedEventHandler } from './handlers/denied-event.handler.js';
import { IpnApprovedHandler } from './handlers/ipn-approved.handler.js';
import { IpnNeedsReviewHandler } from './handlers/ipn-needs-review.handler.js';
import { RiskAssessmentEventHandler } from './handlers/risk-assessment-event.handler.js';
import type { WebhookHandlerMap } from './webhook-handler.js';

/**
 * Which class handles each IPN state and event: the one place a handler is registered. Adding an
 * event = its name in DOCUMENTED_WEBHOOKS, a class implementing WebhookHandler, and its line here
 * (the compiler asks for it).
 */
export const WEBHOOK_HANDLERS: WebhookHandlerMap = {
  ipn: {
    approved: IpnApprovedHandler,
    needs_review: IpnNeedsReviewHandler,
  },
  event: {
    cancelled: CancelledEventHandler,
    cancel: CancelEventHandler,
    denied: DeniedEventHandler,
    risk_assessment: RiskAssessmentEventHandler,
  },
};

/** The handler classes, for the module's providers. */
export const WEBHOOK_HANDLER_CLASSES = Object.values(WEBHOOK_HANDLERS).flatMap((byName) => Object.values(byName));
