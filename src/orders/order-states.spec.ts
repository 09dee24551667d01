import {
  acceptsRefunds,
  acceptsUnitCancellation,
  canTransition,
  DATA_NO_LONGER_NEEDED,
  enteredAtChanges,
  erasureCheck,
  INITIAL_ORDER_STATE,
  isCancellable,
  isConfirmedBySequra,
  isCustomerDataEditable,
  isReportable,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  shipmentStep,
  statisticsStatus,
  validateStateGraph,
} from './order-states.js';

/** A state with no way out. */
const isTerminal = (state: (typeof ORDER_STATES)[number]) => ORDER_TRANSITIONS[state].length === 0;

describe('order state graph', () => {
  it('is a sound graph: known targets, no self-loops, every state reachable from pending', () => {
    expect(validateStateGraph(ORDER_TRANSITIONS, INITIAL_ORDER_STATE)).toEqual([]);
  });

  it('has exactly the transitions of the issue', () => {
    const edges = ORDER_STATES.flatMap((from) =>
      ORDER_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(edges.sort()).toEqual(
      [
        'pending->approved',
        'pending->on_hold',
        'pending->denied',
        'pending->cancelled',
        'on_hold->approved',
        'on_hold->cancelled',
        'approved->shipped',
        'approved->cancelled',
        'shipped->refunded',
      ].sort(),
    );
  });

  it('treats refunded, denied and cancelled as terminal', () => {
    expect(ORDER_STATES.filter(isTerminal).sort()).toEqual(['cancelled', 'denied', 'refunded']);
  });

  it('never allows leaving a terminal state or going back', () => {
    expect(canTransition('shipped', 'cancelled')).toBe(false);
    expect(canTransition('refunded', 'shipped')).toBe(false);
    expect(canTransition('approved', 'refunded')).toBe(false);
    expect(canTransition('cancelled', 'pending')).toBe(false);
    expect(canTransition('approved', 'on_hold')).toBe(false);
    expect(canTransition('on_hold', 'denied')).toBe(false);
  });

  describe('validateStateGraph', () => {
    it('reports an unknown target', () => {
      expect(validateStateGraph({ a: ['b', 'zzz'], b: [] }, 'a')).toContain("'a' -> 'zzz': unknown target state");
    });
    it('reports an unreachable state', () => {
      expect(validateStateGraph({ a: ['b'], b: [], c: ['a'] }, 'a')).toContain("'c' is unreachable from 'a'");
    });
    it('reports a missing initial state and self-loops', () => {
      const problems = validateStateGraph({ a: ['a'] }, 'x');
      expect(problems).toContain("initial state 'x' is not in the table");
      expect(problems).toContain("'a' -> 'a': a self-transition is a no-op, not an edge");
    });
    it('reports duplicate targets', () => {
      expect(validateStateGraph({ a: ['b', 'b'], b: [] }, 'a')).toContain("'a': duplicate targets");
    });
  });
});

describe('rules derived from the states', () => {
  const where = (rule: (state: (typeof ORDER_STATES)[number]) => boolean) => ORDER_STATES.filter(rule).sort();

  it('lets staff correct customer data until the order is cancelled, denied or refunded', () => {
    expect(where(isCustomerDataEditable)).toEqual(['approved', 'on_hold', 'pending', 'shipped']);
  });

  it('counts approved, shipped and refunded orders as confirmed by seQura', () => {
    expect(where(isConfirmedBySequra)).toEqual(['approved', 'refunded', 'shipped']);
  });

  it('takes refunds on shipped orders, and cancels units of approved and shipped ones', () => {
    expect(where(acceptsRefunds)).toEqual(['shipped']);
    expect(where(acceptsUnitCancellation)).toEqual(['approved', 'shipped']);
  });

  it('reports shipped orders only', () => {
    expect(where(isReportable)).toEqual(['shipped']);
  });

  it('lets pending, on-hold and approved orders be cancelled', () => {
    expect(where(isCancellable)).toEqual(['approved', 'on_hold', 'pending']);
  });

  it('lets the shopper data be erased once seQura no longer needs it: settled, or shipped in full and reported', () => {
    expect([...DATA_NO_LONGER_NEEDED].sort()).toEqual(
      ORDER_STATES.filter((s) => s === 'cancelled' || s === 'denied' || s === 'refunded').sort(),
    );
    const done = { reported: true, itemsLeft: false };
    expect(ORDER_STATES.map((s) => [s, erasureCheck(s, done)])).toEqual(
      ORDER_STATES.map((s) => [
        s,
        ['cancelled', 'denied', 'refunded', 'shipped'].includes(s) ? 'erasable' : 'still_needed',
      ]),
    );
    expect(erasureCheck('shipped', { reported: false, itemsLeft: false })).toBe('not_reported');
    expect(erasureCheck('shipped', { reported: true, itemsLeft: true })).toBe('items_left');
    expect(erasureCheck('cancelled', { reported: false, itemsLeft: true })).toBe('erasable');
  });

  it("maps every state to seQura's statistics vocabulary", () => {
    expect(Object.fromEntries(ORDER_STATES.map((s) => [s, statisticsStatus(s)]))).toEqual({
      pending: 'processing',
      on_hold: 'processing',
      approved: 'processing',
      shipped: 'shipped',
      refunded: 'cancelled',
      denied: 'cancelled',
      cancelled: 'cancelled',
    });
  });

  it('ships approved orders first, then what is left of shipped ones, and nothing else', () => {
    expect(shipmentStep('approved', true)).toBe('first');
    expect(shipmentStep('shipped', true)).toBe('more');
    expect(shipmentStep('shipped', false)).toBe('nothing_left');
    for (const state of ['pending', 'on_hold', 'refunded', 'denied', 'cancelled'] as const) {
      expect(shipmentStep(state, true)).toBe('refused');
    }
  });

  it('stamps the time a state is entered, unless the caller gives it', () => {
    const now = new Date('2026-11-20T09:00:00Z');
    const given = new Date('2026-11-19T09:00:00Z');
    expect(enteredAtChanges('approved', {}, now)).toEqual({ approvedAt: now });
    expect(enteredAtChanges('shipped', { shippedAt: given }, now)).toEqual({});
    expect(enteredAtChanges('cancelled', {}, now)).toEqual({ cancelledAt: now });
    expect(enteredAtChanges('on_hold', {}, now)).toEqual({});
  });
});
