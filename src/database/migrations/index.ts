import { CreateOrders1763820000000 } from './1763820000000-create-orders.js';

/** Every migration, in order. A new migration is a new file here plus one line in this list. */
export const MIGRATIONS = [CreateOrders1763820000000];
