import { OrderHistory } from '../orders/order-history.entity.js';
import { Order } from '../orders/order.entity.js';

/** Every entity, listed explicitly (no globbing: the build and the tests load the same list). */
export const ENTITIES = [Order, OrderHistory];
