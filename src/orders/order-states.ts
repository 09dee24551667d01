/** The order lifecycle as data: the one table every state change is checked against. */
export const ORDER_STATES = ['pending', 'on_hold', 'approved', 'shipped', 'denied', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const INITIAL_ORDER_STATE: OrderState = 'pending';

export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  pending: ['approved', 'on_hold', 'denied', 'cancelled'],
  on_hold: ['approved', 'cancelled'],
  approved: ['shipped', 'cancelled'],
  shipped: [],
  denied: [],
  cancelled: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminal(state: OrderState): boolean {
  return ORDER_TRANSITIONS[state].length === 0;
}

/**
 * Checks a transition table as a graph: the initial state exists, every target is a known state, no
 * self-loops, and every state is reachable from the initial one. Returns the problems found.
 */
export function validateStateGraph(
  transitions: Readonly<Record<string, readonly string[]>>,
  initial: string,
): string[] {
  const problems: string[] = [];
  const states = Object.keys(transitions);
  if (!states.includes(initial)) problems.push(`initial state '${initial}' is not in the table`);
  for (const [from, targets] of Object.entries(transitions)) {
    for (const to of targets) {
      if (!states.includes(to)) problems.push(`'${from}' -> '${to}': unknown target state`);
      if (to === from) problems.push(`'${from}' -> '${to}': a self-transition is a no-op, not an edge`);
    }
    if (new Set(targets).size !== targets.length) problems.push(`'${from}': duplicate targets`);
  }
  const reached = new Set<string>([initial]);
  const queue = [initial];
  while (queue.length > 0) {
    for (const to of transitions[queue.shift()!] ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const state of states) if (!reached.has(state)) problems.push(`'${state}' is unreachable from '${initial}'`);
  return problems;
}
