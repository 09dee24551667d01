import { ArgumentMetadata, Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { FieldError, ValidationFailedError } from './domain-errors.js';
import { ValidationFastPath } from './validation-fast-path.js';

/** Flattens class-validator's tree into dotted paths: `cart.items.0.quantity`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Far deeper than any seQura shape (a cart line's field is 4 levels down). class-transformer recurses
 * once per level, so a body nested a few thousand levels deep would overflow the stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/** How deeply `value` nests objects and arrays, counted without recursion; stops counting past `limit`. */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  return bodyShape(value, limit).depth;
}

/**
 * How deeply `value` nests (see {@link nestingDepth}), and whether it is plain JSON data: arrays without
 * gaps, objects of Object's prototype without an own `__proto__`, `prototype` or `constructor` key, and
 * primitives. On plain data the pipe's own walks (closing array gaps, stripping prototype keys) change
 * nothing, so they are left out; a value of any other shape gets them as before.
 */
export function bodyShape(value: unknown, limit = Number.POSITIVE_INFINITY): { depth: number; plain: boolean } {
  let deepest = 0;
  let plain = true;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
    const children = Object.values(node);
    if (plain) plain = isPlainNode(node, children.length);
    for (const child of children) pending.push([child, depth + 1]);
  }
  return { depth: deepest, plain };
}

function isPlainNode(node: object, values: number): boolean {
  if (Array.isArray(node)) return Object.getPrototypeOf(node) === Array.prototype && values === node.length;
  return (
    Object.getPrototypeOf(node) === Object.prototype &&
    !Object.hasOwn(node, '__proto__') &&
    !Object.hasOwn(node, 'prototype') &&
    !Object.hasOwn(node, 'constructor')
  );
}

/**
 * Refuses a body nested deeper than {@link MAX_BODY_DEPTH} (400) before anything walks it recursively,
 * leaves out the pipe's own walks on a body that is plain JSON data (see {@link bodyShape}: found in the
 * same walk as the depth), and answers a DTO that passes every rule without class-validator's per-call
 * work (see {@link ValidationFastPath}); a DTO that fails one is validated by class-validator as before.
 */
class DepthLimitedValidationPipe extends ValidationPipe {
  private readonly fastPath = new ValidationFastPath({ warn: (message) => new Logger('ValidationPipe').warn(message) });
  private readonly plainBodies = new WeakSet<object>();
  /** DTOs the fast path vouched for in the binary search, for the validation that follows it at once. */
  private readonly vouched = new WeakSet<object>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const { depth, plain } = bodyShape(value, MAX_BODY_DEPTH);
      if (depth > MAX_BODY_DEPTH) {
        throw new ValidationFailedError([
          { field: 'body', messages: [`body must not nest objects or arrays more than ${MAX_BODY_DEPTH} levels deep`] },
        ]);
      }
      if (plain && typeof value === 'object' && value !== null) this.plainBodies.add(value);
    }
    return super.transform(value, metadata);
  }

  protected override closeArrayGaps(value: unknown): void {
    if (!this.isPlainBody(value)) super.closeArrayGaps(value);
  }

  protected override stripProtoKeys(value: unknown): void {
    if (!this.isPlainBody(value)) super.stripProtoKeys(value);
  }

  /**
   * Nest looks for binary values in nested positions right before validating (`transform` calls this for
   * the DTO, then `validate`): a DTO the fast path vouches for holds none (it does not vouch for one that
   * does), so one walk answers both.
   */
  protected override findNestedBinaryValues(
    object: unknown,
    metadataCache?: Map<unknown, unknown[]>,
  ): ValidationError[] {
    if (metadataCache === undefined && typeof object === 'object' && object !== null) {
      if (this.fastPath.passes(object, this.validatorOptions)) {
        this.vouched.add(object);
        return [];
      }
    }
    return super.findNestedBinaryValues(object, metadataCache);
  }

  protected override validate(
    object: object,
    options: ValidatorOptions = {},
  ): Promise<ValidationError[]> | ValidationError[] {
    if (this.vouched.delete(object) || this.fastPath.passes(object, options)) return [];
    return super.validate(object, options);
  }

  private isPlainBody(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.plainBodies.has(value);
  }
}

/** The one global pipe: unknown fields refused, payloads transformed into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
