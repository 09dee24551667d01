import { Injectable } from '@nestjs/common';
import type { FieldError } from '../../common/domain-errors.js';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { ok, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { ignoredAsOtherSequraOrder } from './other-sequra-order.js';

/** The levels seQura documents. Others occur (its own plugins handle `unknown_risk`) and are stored too. */
export const RISK_LEVELS = ['low_risk', 'high_risk', 'under_evaluation'] as const;
/** What a risk level looks like: a lower-case word. Anything else is not a level at all (400). */
export const RISK_LEVEL_PATTERN = /^[a-z_]{1,64}$/;

/**
 * `risk_assessment`: seQura's risk verdict for the order (`risk_level`). Stored as sent; a change is
 * noted, and a level outside the documented three gets a second note so staff know what it means.
 * An undocumented level is answered 200 like any other: a 400 would only make seQura retry it.
 */
@Injectable()
export class RiskAssessmentEventHandler implements WebhookHandler {
  /** `under_evaluation` then `low_risk` are two events; a repeated `under_evaluation` is not. */
  readonly dedupeFields = ['risk_level'] as const;

  constructor(private readonly lifecycle: OrderLifecycleService) {}

  validate(notification: WebhookNotification): FieldError[] {
    const level = notification.fields.risk_level;
    return level !== undefined && RISK_LEVEL_PATTERN.test(level)
      ? []
      : [
          {
            field: 'risk_level',
            messages: ['risk_level must be a lower-case word (a-z and _, at most 64 characters)'],
          },
        ];
  }

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    // A denied or cancelled order will never be paid or shipped: its risk is moot. Answered 200
    // (an error would only make seQura retry) and nothing is stored.
    if (order.state === 'denied' || order.state === 'cancelled') return ok();
    if (await ignoredAsOtherSequraOrder(this.lifecycle, tx, order, notification)) return ok();
    const level = notification.fields.risk_level;
    if (order.riskLevel === level) return ok();
    const from = order.riskLevel;
    await this.lifecycle.update(tx, order, { riskLevel: level });
    const orderRef = notification.sequraOrderRef;
    await this.lifecycle.note(tx, order, { type: 'risk_assessment', from, to: level, orderRef });
    if (!(RISK_LEVELS as readonly string[]).includes(level)) {
      await this.lifecycle.note(tx, order, { type: 'undocumented_risk_level', level, orderRef });
    }
    return ok();
  }
}
