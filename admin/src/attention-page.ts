import { describe, type Schemas } from './api.js';
import { Child, h, replace, table } from './dom.js';
import { json, stateBadge, statusBadge, text, when } from './format.js';
import { orderHash } from './orders-page.js';
import { actionButton, Context, Notice, viewHeading } from './ui.js';

interface Listed<T> {
  total: number;
  data: T[];
}

type NeedsAttention = Schemas['NeedsAttention'];
type FailedUpdate = Schemas['FailedOrderUpdate'];
type FailedRun = Schemas['ShippingReport'];

const orderLink = (ref: string) => h('a', { href: orderHash(ref) }, ref);

/** seQura's answer in one cell: the HTTP status, its messages, or why there was none. */
function answer(status: number | null, body: unknown, error: string | null): Child {
  const parts: Child[] = [];
  if (status !== null) parts.push(statusBadge(String(status)));
  if (body !== null && body !== undefined && body !== '') parts.push(' ', json(body));
  if (error) parts.push(h('div', { class: 'error-text' }, error));
  return parts.length ? parts : '—';
}

/** "3" or "the 100 most recent of 240": a list is capped, the total says so. */
function counted(list: Listed<unknown>): string {
  return list.total > list.data.length ? `${list.data.length} of ${list.total}` : String(list.total);
}

function section(id: string, title: string, list: Listed<unknown>, hint: string, content: () => Child): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('div', { class: 'panel-head' }, h('h3', { id }, `${title} (${counted(list)})`)),
    h('p', { class: 'muted' }, hint),
    list.total === 0 ? h('p', { class: 'empty' }, 'Nothing here.') : content(),
  );
}

/**
 * What needs a person (`GET /needs-attention`): failed Order Updates and report runs, each with a
 * retry for once the cause is fixed; seQura cancel requests answered `retry`; orders on hold for
 * more than a day. Every retry is recorded with the signed-in name.
 */
export function renderAttentionPage(ctx: Context): HTMLElement {
  const notice = new Notice();
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));

  const load = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      const lists = (await ctx.api.get('/needs-attention')).body;
      replace(body, ...sections(lists));
    } catch (error) {
      replace(
        body,
        h(
          'p',
          { class: 'notice notice-error', role: 'alert' },
          `Could not load what needs attention. ${describe(error)}`,
        ),
      );
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };

  const retryUpdate = (u: FailedUpdate) =>
    actionButton(
      'Send again',
      async () => {
        try {
          await ctx.api.post('/needs-attention/order-updates/{id}/retry', { path: { id: u.id } });
          notice.show(
            'success',
            `The Order Update of order ${u.order_ref_1} is queued again; it is sent to seQura within seconds. ` +
              'Its outcome shows on the order page.',
          );
        } catch (error) {
          notice.error(error, `The Order Update of order ${u.order_ref_1} was not queued again.`);
        }
        notice.reveal();
        await load();
      },
      { 'aria-label': `Send the Order Update of order ${u.order_ref_1} again` },
    );

  const retryRun = (r: FailedRun) =>
    actionButton(
      'Retry now',
      async () => {
        notice.show('info', 'Sending a new report to seQura…');
        try {
          const runs = (await ctx.api.post('/needs-attention/report-runs/{id}/retry', { path: { id: r.id } })).body
            .runs;
          const orders = runs.reduce((n, run) => n + run.order_count, 0);
          const failed = runs.filter((run) => run.status === 'failed');
          const summary = `A new report with ${orders === 1 ? 'one order' : `${orders} orders`} was run.`;
          const refusals = failed.map((run) => run.last_error ?? `HTTP ${run.sequra_status}`).join('; ');
          if (failed.length) notice.show('error', `${summary} seQura refused it again: ${refusals}.`);
          else if (runs.some((run) => run.status === 'pending'))
            notice.show('info', `${summary} seQura did not answer yet; it is retried automatically.`);
          else notice.show('success', `${summary} seQura accepted it.`);
        } catch (error) {
          notice.error(error, 'The report run was not retried.');
        }
        notice.reveal();
        await load();
      },
      { 'aria-label': `Retry the report run of ${new Date(r.created_at).toLocaleString('en-GB')}` },
    );

  const sections = (lists: NeedsAttention): HTMLElement[] => [
    section(
      'attention-updates',
      'Failed Order Updates',
      lists.failed_order_updates,
      'seQura refused these updates of an order, or could not be reached for too long. Fix the cause ' +
        '(the order’s data, or with seQura), then send the update again: it carries the order as it is now.',
      () =>
        table(
          'Failed Order Updates, newest first',
          ['Order', 'Why', 'Order state', 'Attempts', 'seQura’s answer', 'Failed', ''],
          lists.failed_order_updates.data.map((u) => [
            orderLink(u.order_ref_1),
            u.kind === 'customer_data'
              ? 'customer data corrected'
              : `cancellation${u.cancellation_reason ? ` (${u.cancellation_reason})` : ''}`,
            stateBadge(u.order_state),
            h('span', { class: 'num' }, String(u.attempts)),
            answer(u.last_status, u.response, u.last_error),
            when(u.failed_at),
            retryUpdate(u),
          ]),
        ),
    ),
    section(
      'attention-runs',
      'Failed shipping report runs',
      lists.failed_report_runs,
      'seQura refused these delivery reports, or could not be reached. Their orders go in the next report; ' +
        '“Retry now” sends that report at once, built from the orders as they are now.',
      () =>
        table(
          'Failed report runs, newest first',
          ['Created', 'Orders', 'Attempts', 'seQura’s answer', 'Failed', '', ''],
          lists.failed_report_runs.data.map((r) => [
            when(r.created_at),
            h(
              'span',
              { class: 'num' },
              `${r.order_count}${r.broken_order_count ? ` (${r.broken_order_count} broken)` : ''}`,
            ),
            h('span', { class: 'num' }, String(r.attempts)),
            answer(r.sequra_status, r.sequra_response, r.last_error),
            when(r.failed_at),
            h('a', { href: `#/reports/${encodeURIComponent(r.id)}` }, 'Open'),
            retryRun(r),
          ]),
        ),
    ),
    section(
      'attention-cancels',
      'Cancel requests answered “retry”',
      lists.cancel_requests_answered_retry,
      'seQura asked to cancel these orders while the warehouse was picking them. Ship the order, or clear ' +
        'its fulfilment marker so that seQura’s next request cancels it.',
      () =>
        table(
          'Orders seQura asked to cancel while being picked, newest request first',
          ['Order', 'seQura asked', 'Picking since', 'Risk level', 'Cancellation request'],
          lists.cancel_requests_answered_retry.data.map((c) => [
            orderLink(c.order_ref_1),
            when(c.requested_at),
            when(c.fulfilment_started_at),
            c.risk_level ? statusBadge(c.risk_level) : '—',
            text(c.cancellation_request_url),
          ]),
        ),
    ),
    section(
      'attention-on-hold',
      `Orders on hold for more than ${lists.orders_on_hold.longer_than_hours} hours`,
      lists.orders_on_hold,
      'seQura is reviewing these orders. A review usually takes hours; ask seQura about the ones waiting longest.',
      () =>
        table(
          'Orders on hold, longest waiting first',
          ['Order', 'On hold since', 'Risk level', 'Registered'],
          lists.orders_on_hold.data.map((o) => [
            orderLink(o.order_ref_1),
            when(o.on_hold_since),
            o.risk_level ? statusBadge(o.risk_level) : '—',
            when(o.created_at),
          ]),
        ),
    ),
  ];

  void load();
  return h(
    'div',
    { class: 'view' },
    viewHeading('Needs attention'),
    h(
      'p',
      { class: 'muted' },
      'What the service could not settle by itself and a person has to look at. Retries are recorded with your name.',
    ),
    h('div', { class: 'toolbar' }, actionButton('Reload', load)),
    notice.el,
    body,
  );
}
