import { canTransition, INITIAL_ORDER_STATE, isTerminal, ORDER_STATES, ORDER_TRANSITIONS, validateStateGraph } from './order-states.js';

describe('order state graph', () => {
  it('is a sound graph: known targets, no self-loops, every state reachable from pending', () => {
    expect(validateStateGraph(ORDER_TRANSITIONS, INITIAL_ORDER_STATE)).toEqual([]);
  });

  it('has exactly the transitions of the issue', () => {
    const edges = ORDER_STATES.flatMap((from) => ORDER_STATES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
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
      ].sort(),
    );
  });

  it('treats shipped, denied and cancelled as terminal', () => {
    expect(ORDER_STATES.filter(isTerminal).sort()).toEqual(['cancelled', 'denied', 'shipped']);
  });

  it('never allows leaving a terminal state or going back', () => {
    expect(canTransition('shipped', 'cancelled')).toBe(false);
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
