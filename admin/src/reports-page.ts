import { ApiError, describe, type Schemas } from './api.js';
import { Child, details, h, replace, table } from './dom.js';
import { json, jsonBlock, statusBadge, text, when } from './format.js';
import { orderHash } from './orders-page.js';
import { actionButton, Context, Notice, viewHeading } from './ui.js';

type Run = Schemas['ShippingReport'];

/** The fields of seQura's delivery report the page shows (the payload is seQura's shape, an open object). */
interface ReportOrder {
  merchant_reference?: { order_ref_1?: string; order_ref_2?: string };
  sent_at?: string;
}
type DeliveryReport = { delivery_report?: { orders?: ReportOrder[]; broken_orders?: ReportOrder[] } };

const PAGE_SIZE = 20;
const reportHash = (id: string) => `#/reports/${encodeURIComponent(id)}`;

/** What seQura answered, in one cell: the HTTP status and its messages, or why nothing was answered. */
function sequraAnswer(run: Run): Child {
  const parts: Child[] = [];
  if (run.sequra_status !== null) parts.push(statusBadge(String(run.sequra_status)));
  else if (run.status === 'pending') parts.push('not answered yet');
  if (run.sequra_response !== null && run.sequra_response !== undefined && run.sequra_response !== '')
    parts.push(' ', json(run.sequra_response));
  if (run.last_error) parts.push(h('div', { class: 'error-text' }, run.last_error));
  return parts.length ? parts : '—';
}

function orderCount(run: Run): string {
  return `${run.order_count}${run.broken_order_count ? ` (${run.broken_order_count} broken)` : ''}`;
}

/** Runs newest first with paging, the next report's preview, and "run one now". */
export function renderReportsPage(ctx: Context): HTMLElement {
  const notice = new Notice();
  const previewSlot = h('div', { class: 'preview-slot' });
  const runsSlot = h('div', { class: 'results', 'aria-busy': 'true' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Report pages' });
  const cursors: (string | null)[] = [null];

  const loadRuns = async (cursor: string | null) => {
    const query = { limit: PAGE_SIZE, cursor: cursor ?? undefined };
    runsSlot.setAttribute('aria-busy', 'true');
    try {
      const page = (await ctx.api.get('/shipping-reports', { query })).body;
      replace(
        runsSlot,
        page.data.length === 0
          ? h('p', { class: 'empty' }, cursors.length === 1 ? 'No report has been run yet.' : 'No more runs.')
          : table(
              `Report runs, newest first — page ${cursors.length}`,
              ['Created', 'Trigger', 'Status', 'Orders', 'Attempts', 'seQura’s answer', 'Finished', ''],
              page.data.map((r) => [
                when(r.created_at),
                r.trigger === 'schedule' ? 'schedule' : 'manual',
                statusBadge(r.status),
                h('span', { class: 'num' }, orderCount(r)),
                h('span', { class: 'num' }, String(r.attempts)),
                sequraAnswer(r),
                when(r.sent_at ?? r.failed_at),
                h(
                  'a',
                  {
                    href: reportHash(r.id),
                    'aria-label': `Open the run of ${new Date(r.created_at).toLocaleString('en-GB')}`,
                  },
                  'Open',
                ),
              ]),
              { className: 'runs' },
            ),
      );
      const previous = h('button', { type: 'button', disabled: cursors.length <= 1 }, '← Newer runs');
      previous.addEventListener('click', () => {
        cursors.pop();
        void loadRuns(cursors[cursors.length - 1]);
      });
      const next = h('button', { type: 'button', disabled: !page.next_cursor }, 'Older runs →');
      next.addEventListener('click', () => {
        if (!page.next_cursor) return;
        cursors.push(page.next_cursor);
        void loadRuns(page.next_cursor);
      });
      replace(pager, previous, h('span', { class: 'muted' }, `Page ${cursors.length}`), next);
    } catch (error) {
      replace(
        runsSlot,
        h('p', { class: 'notice notice-error', role: 'alert' }, `Could not load the report runs. ${describe(error)}`),
      );
    } finally {
      runsSlot.setAttribute('aria-busy', 'false');
    }
  };

  const preview = actionButton('Preview the next report', async () => {
    notice.clear();
    try {
      const p = (await ctx.api.get('/shipping-reports/preview')).body;
      replace(
        previewSlot,
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'preview-heading' },
          h(
            'div',
            { class: 'panel-head' },
            h('h3', { id: 'preview-heading', tabindex: -1 }, 'Next report (preview, nothing sent)'),
          ),
          details([
            ['Shipped orders not reported yet', String(p.order_count)],
            ['Batches (at most ' + p.batch_size + ' orders each)', String(p.batches)],
            ['Broken orders in the first batch', String(p.first_batch.broken_order_count)],
            ['Orders in the statistics (last 7 days)', String(p.statistics_count)],
            ['Runs still waiting to be sent', String(p.pending_runs)],
          ]),
          jsonBlock('What the first batch would send', p.first_batch.payload),
        ),
      );
      previewSlot.querySelector<HTMLElement>('#preview-heading')?.focus();
    } catch (error) {
      notice.error(error, 'Could not preview the next report.');
    }
  });

  const runNow = actionButton(
    'Run a report now',
    async () => {
      notice.show('info', 'Sending the report to seQura…');
      try {
        const runs = (await ctx.api.post('/shipping-reports')).body.data;
        const failed = runs.filter((r) => r.status === 'failed');
        const pending = runs.filter((r) => r.status === 'pending');
        const orders = runs.reduce((n, r) => n + r.order_count, 0);
        const batches = runs.length === 1 ? 'one batch' : `${runs.length} batches`;
        const summary = `Report run: ${batches}, ${orders === 1 ? 'one order' : `${orders} orders`}.`;
        if (failed.length)
          notice.show(
            'error',
            `${summary} seQura refused ${failed.length === 1 ? 'it' : `${failed.length} of them`}: ` +
              `${failed.map((r) => r.last_error ?? `status ${r.sequra_status}`).join('; ')}.` +
              (orders ? ' Its orders go into the next run.' : ''),
          );
        else if (pending.length)
          notice.show(
            'info',
            `${summary} Not sent yet (seQura did not answer); it is retried automatically: ` +
              pending.map((r) => r.last_error ?? 'waiting').join('; '),
          );
        else
          notice.show(
            'success',
            `${summary} Sent; seQura answered ${runs.map((r) => r.sequra_status ?? '—').join(', ')}.`,
          );
      } catch (error) {
        notice.error(error, 'The report was not run.');
      }
      cursors.splice(1);
      await loadRuns(null);
    },
    { class: 'primary' },
  );

  void loadRuns(null);
  return h(
    'div',
    { class: 'view' },
    viewHeading('Shipping reports'),
    h(
      'p',
      { class: 'muted' },
      'Delivery reports tell seQura which orders shipped. ' +
        'They run on a schedule; you can also preview the next one or run one now.',
    ),
    h('div', { class: 'toolbar' }, preview, runNow),
    notice.el,
    previewSlot,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'runs-heading' },
      h('div', { class: 'panel-head' }, h('h3', { id: 'runs-heading' }, 'Runs')),
      runsSlot,
      pager,
    ),
  );
}

/** One run: what it sent and what seQura answered. */
export function renderReportPage(ctx: Context, id: string): HTMLElement {
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the report run…'));
  const load = async () => {
    try {
      const run = (await ctx.api.get('/shipping-reports/{id}', { path: { id } })).body;
      const report = (run.payload as DeliveryReport).delivery_report ?? {};
      const orderRows = (list: ReportOrder[] | undefined, broken: boolean) =>
        (list ?? []).map((o) => {
          const ref = o.merchant_reference?.order_ref_1;
          return [
            ref ? h('a', { href: orderHash(ref) }, ref) : '—',
            text(o.merchant_reference?.order_ref_2),
            when(o.sent_at),
            broken ? 'broken (shipped items do not add up)' : 'shipped',
          ];
        });
      const rows = [...orderRows(report.orders, false), ...orderRows(report.broken_orders, true)];
      replace(
        body,
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'run-heading' },
          h('div', { class: 'panel-head' }, h('h3', { id: 'run-heading' }, 'Run')),
          details([
            ['Status', statusBadge(run.status)],
            ['Trigger', run.trigger],
            ['Scheduled for', when(run.scheduled_for)],
            ['Batch', String(run.batch)],
            ['Orders', orderCount(run)],
            ['Orders in the statistics', String(run.statistics_count)],
            ['Attempts', String(run.attempts)],
            ['Next attempt', when(run.next_attempt_at)],
            ['seQura’s answer', sequraAnswer(run)],
            ['Created', when(run.created_at)],
            ['Sent', when(run.sent_at)],
            ['Failed', when(run.failed_at)],
            ...(run.retried_at
              ? [
                  [
                    'Retried',
                    [
                      when(run.retried_at),
                      ` by ${run.retried_by ?? '—'}: `,
                      (run.retry_run_ids ?? []).map((r, i) => [
                        i ? ', ' : '',
                        h('a', { href: reportHash(r) }, 'new run'),
                      ]),
                    ],
                  ] as [string, Child],
                ]
              : []),
          ]),
        ),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'run-orders-heading' },
          h('div', { class: 'panel-head' }, h('h3', { id: 'run-orders-heading' }, 'Orders in this report')),
          rows.length
            ? table('Orders reported in this run', ['Reference', 'Second reference', 'Shipped', 'Reported as'], rows)
            : h('p', { class: 'muted' }, 'No order: an empty daily report.'),
        ),
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'run-payload-heading' },
          h('div', { class: 'panel-head' }, h('h3', { id: 'run-payload-heading' }, 'Exchanged with seQura')),
          run.payload
            ? jsonBlock('The report sent (POST /orders/delivery_reports)', run.payload)
            : h(
                'p',
                { class: 'muted' },
                run.payload_dropped_at
                  ? [
                      'The report sent is no longer stored: the retention job dropped it on ',
                      when(run.payload_dropped_at),
                      '. The run and seQura’s answer are kept.',
                    ]
                  : 'No payload.',
              ),
          jsonBlock(
            'seQura’s answer',
            { status: run.sequra_status, body: run.sequra_response ?? null, last_error: run.last_error },
            true,
          ),
        ),
      );
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 404
          ? `There is no report run with the id “${id}”.`
          : `Could not load the report run. ${describe(error)}`;
      replace(body, h('p', { class: 'notice notice-error', role: 'alert' }, message));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };
  void load();
  return h(
    'div',
    { class: 'view' },
    h('p', { class: 'back' }, h('a', { href: '#/reports' }, '← Shipping reports')),
    viewHeading('Shipping report run'),
    body,
  );
}
