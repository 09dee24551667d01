import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
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
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) break;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses a body nested deeper than {@link MAX_BODY_DEPTH} (400) before anything walks it recursively,
 * and answers a DTO that passes every rule without class-validator's per-call work (see
 * {@link ValidationFastPath}); a DTO that fails one is validated by class-validator as before.
 */
class DepthLimitedValidationPipe extends ValidationPipe {
  private readonly fastPath: ValidationFastPath;

  constructor(options: ValidationPipeOptions) {
    super(options);
    this.fastPath = new ValidationFastPath(this.validatorOptions);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && nestingDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
      throw new ValidationFailedError([
        { field: 'body', messages: [`body must not nest objects or arrays more than ${MAX_BODY_DEPTH} levels deep`] },
      ]);
    }
    return super.transform(value, metadata);
  }

  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    return this.fastPath.passes(object) ? [] : super.validate(object, options);
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
