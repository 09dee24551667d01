import { Type } from 'class-transformer';
import { IsArray, IsString, ValidateNested } from 'class-validator';
import { ValidationFailedError } from './domain-errors.js';
import { bodyShape, createValidationPipe, MAX_BODY_DEPTH, nestingDepth } from './validation.js';

class Tag {
  @IsString() name: string;
}
class Tagged {
  @IsArray() @ValidateNested({ each: true }) @Type(() => Tag) tags: Tag[];
}

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

describe('bodyShape', () => {
  it('calls parsed JSON plain, and anything the pipe would change (gaps, prototype keys, other types) not', () => {
    expect(bodyShape(JSON.parse('{"a":[1,{"b":null}],"c":"d"}'))).toEqual({ depth: 3, plain: true });
    expect(bodyShape('x')).toEqual({ depth: 0, plain: true });
    // eslint-disable-next-line no-sparse-arrays
    expect(bodyShape({ a: [1, , 3] }).plain).toBe(false);
    expect(bodyShape({ a: JSON.parse('{"__proto__":{"x":1}}') }).plain).toBe(false);
    expect(bodyShape({ a: { constructor: 'x' } }).plain).toBe(false);
    expect(bodyShape({ a: { prototype: {} } }).plain).toBe(false);
    expect(bodyShape({ a: Object.create(null) as object }).plain).toBe(false);
    expect(bodyShape({ a: Buffer.from('x') }).plain).toBe(false);
    expect(bodyShape({ a: [new Date()] }).plain).toBe(false);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();

  it('refuses a body nested deeper than MAX_BODY_DEPTH with a 400 before transforming it', async () => {
    const error = await pipe.transform(nested(5000), { type: 'body', metatype: Object }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).status).toBe(400);
  });

  it('still closes array gaps and strips prototype keys of a body that is not plain JSON data', async () => {
    // eslint-disable-next-line no-sparse-arrays
    const body = { tags: [, { name: 'a', constructor: 'x' }], constructor: 'y' };
    const dto = (await pipe.transform(body, { type: 'body', metatype: Tagged })) as Tagged;
    expect(dto).toBeInstanceOf(Tagged);
    expect(dto.tags).toHaveLength(1);
    // Nest's pipe changes the body itself, in place: as before.
    expect(body.tags).toHaveLength(1);
    expect(Object.hasOwn(body, 'constructor') || Object.hasOwn(body.tags[0]!, 'constructor')).toBe(false);
  });

  it('still refuses a binary value where a nested object is expected, as Nest does', async () => {
    const error = await pipe
      .transform({ tags: [Buffer.alloc(0)] }, { type: 'body', metatype: Tagged })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).errors).toEqual([
      { field: 'tags.0', messages: ['each value in nested property tags must be either object or array'] },
    ]);
  });

  it('lets a body within the limit through', async () => {
    const body = nested(MAX_BODY_DEPTH);
    await expect(pipe.transform(body, { type: 'body', metatype: Object })).resolves.toBe(body);
  });
});
