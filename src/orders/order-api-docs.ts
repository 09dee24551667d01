import { ApiHeader, ApiParam } from '@nestjs/swagger';

/** `{ref}` in the OpenAPI document: order_ref_1, URL-encoded. */
export const ApiOrderRef = () =>
  ApiParam({
    name: 'ref',
    description: 'order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`)',
    example: 'QWER1234',
  });

/** Sent as part of the actor recorded in history and audit rows: `shop (Marta)`. */
export const ApiActorHeader = () =>
  ApiHeader({
    name: 'X-Actor',
    required: false,
    description: "the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)`",
  });

/** The 404 of every route under `/orders/{ref}`. */
export const ORDER_NOT_FOUND = {
  description: 'No order with this order_ref_1',
  message: "Order 'QWER1234' not found",
  extra: { order_ref_1: 'QWER1234' },
};
