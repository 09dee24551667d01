import { ValidationFailedError } from './domain-errors.js';
import { createValidationPipe, MAX_BODY_DEPTH, nestingDepth } from './validation.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { value };
  return value;
};

describe('nestingDepth', () => {
  it('counts levels of objects and arrays, without recursing (any depth is safe)', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({ a: 1, b: [1, 2] })).toBe(2);
    expect(nestingDepth({ cart: { items: [{ reference: 'a' }] } })).toBe(4);
    expect(nestingDepth(nested(100_000), MAX_BODY_DEPTH)).toBeGreaterThan(MAX_BODY_DEPTH);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();

  it('refuses a body nested deeper than MAX_BODY_DEPTH with a 400 before transforming it', async () => {
    const error = await pipe.transform(nested(5000), { type: 'body', metatype: Object }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).status).toBe(400);
  });

  it('lets a body within the limit through', async () => {
    const body = nested(MAX_BODY_DEPTH);
    await expect(pipe.transform(body, { type: 'body', metatype: Object })).resolves.toBe(body);
  });
});
