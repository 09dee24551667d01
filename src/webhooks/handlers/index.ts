import { CancelEventHandler } from './cancel-event.handler.js';
import { CancelledEventHandler } from './cancelled-event.handler.js';
import { DeniedEventHandler } from './denied-event.handler.js';
import { IpnApprovedHandler } from './ipn-approved.handler.js';
import { IpnNeedsReviewHandler } from './ipn-needs-review.handler.js';
import { RiskAssessmentEventHandler } from './risk-assessment-event.handler.js';

/** Every webhook strategy. A new event is a new `@WebhookHandler` class, added here. */
export const WEBHOOK_HANDLERS = [
  IpnApprovedHandler,
  IpnNeedsReviewHandler,
  CancelledEventHandler,
  CancelEventHandler,
  DeniedEventHandler,
  RiskAssessmentEventHandler,
];
