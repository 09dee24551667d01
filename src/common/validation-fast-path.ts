import {
  getMetadataStorage,
  IS_OPTIONAL,
  ValidationArguments,
  ValidationTypes,
  ValidatorOptions,
} from 'class-validator';

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Condition = (object: object, value: unknown) => boolean;

/** One rule of a property and the constraint instances that check it (most rules have one). */
interface RulePlan {
  metadata: Metadata;
  validators: { validate(value: unknown, args: ValidationArguments): unknown }[];
  /** A constraint declared asynchronous: class-validator decides. */
  async: boolean;
}

/** The rules of one property, read once from class-validator's metadata storage. */
interface PropertyPlan {
  name: string;
  /** `@IsOptional`: a null or undefined value is not validated (its condition, inlined). */
  optional: boolean;
  /** `@ValidateIf` (and any other condition): when one is false, the property is not validated. */
  conditions: Condition[];
  /** `@IsDefined` first, then every other rule (class-validator's order). */
  rules: RulePlan[];
  nested: boolean;
}

/** The rules of one class: its properties, and the names it allows (every property with metadata). */
interface ClassPlan {
  known: Set<string>;
  properties: PropertyPlan[];
  /** A rule this path does not mirror (a promise validation): class-validator decides. */
  unsupported: boolean;
}

/** Options this path mirrors; any other (groups, skip*…) leaves every call to class-validator. */
const MIRRORED_OPTIONS = new Set(['whitelist', 'forbidNonWhitelisted', 'forbidUnknownValues', 'validationError']);

const isPromiseLike = (value: unknown) =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** The options a check mirrors (see MIRRORED_OPTIONS). */
interface Mode {
  forbidUnknownValues: boolean;
  whitelist: boolean;
  forbidNonWhitelisted: boolean;
}

/** What a check found: every rule passes, one fails, or class-validator must decide. */
type Verdict = 'valid' | 'invalid' | 'unsure';

/** A constraint's answer: a promise is class-validator's to wait for. */
const verdictOf = (result: unknown): Verdict => (isPromiseLike(result) ? 'unsure' : result ? 'valid' : 'invalid');

/**
 * The success path of class-validator's `validate`, compiled once per class from class-validator's own
 * metadata and run with its own constraint instances: a DTO that passes every rule is answered here,
 * without the executor's per-call work (a metadata search per object, an error object per property,
 * several filters per property); anything else (a failing rule, something it does not mirror) is left
 * to class-validator itself, so every error, message and field path is class-validator's.
 *
 * It walks the instance as `ValidationExecutor` does (same properties, conditions, rules, validation
 * arguments and nesting), and answers `valid` only where class-validator would find no error: a
 * `valid` here must never hide an error (held by src/common/validation-fast-path.spec.ts, which
 * compares both on generated bodies).
 */
export class ValidationFastPath {
  private readonly plans = new Map<unknown, ClassPlan>();
  private readonly storage = getMetadataStorage();

  /**
   * True only when class-validator, called with `options`, would find no error in `object`. Also true
   * only when no value in a nested position (`@ValidateNested`) is binary (a Buffer, a typed array, an
   * ArrayBuffer), which is all Nest's pipe looks for before validating (`findNestedBinaryValues`).
   */
  passes(object: object, options: ValidatorOptions): boolean {
    for (const key in options) if (!MIRRORED_OPTIONS.has(key)) return false;
    const mode: Mode = {
      // class-validator's default, which Nest's pipe turns off unless asked for.
      forbidUnknownValues: options.forbidUnknownValues !== false,
      whitelist: options.whitelist === true,
      forbidNonWhitelisted: options.forbidNonWhitelisted === true,
    };
    return this.check(object, mode) === 'valid';
  }

  private check(object: object, mode: Mode): Verdict {
    if (typeof object.constructor !== 'function') return 'unsure';
    const plan = this.planOf(object.constructor);
    if (plan.unsupported) return 'unsure';
    if (mode.forbidUnknownValues && plan.properties.length === 0) return 'invalid';
    if (mode.whitelist) {
      for (const key of Object.keys(object)) {
        // Without forbidNonWhitelisted class-validator deletes the key and goes on: it must do that itself.
        if (!plan.known.has(key)) return mode.forbidNonWhitelisted ? 'invalid' : 'unsure';
      }
    }
    const targetName = object.constructor.name;
    for (const property of plan.properties) {
      const value: unknown = (object as Record<string, unknown>)[property.name];
      if (property.optional && (value === null || value === undefined)) continue;
      if (property.conditions.length > 0 && !property.conditions.every((condition) => condition(object, value)))
        continue;
      for (const rule of property.rules) {
        const verdict = this.applyRule(object, targetName, value, rule);
        if (verdict !== 'valid') return verdict;
      }
      if (property.nested) {
        const verdict = this.checkNested(value, mode);
        if (verdict !== 'valid') return verdict;
      }
    }
    return 'valid';
  }

  /** `ValidationExecutor.customValidations` for one rule, without building its error. */
  private applyRule(object: object, targetName: string, value: unknown, rule: RulePlan): Verdict {
    const { metadata } = rule;
    if (metadata.validateIf && !metadata.validateIf(object, value)) return 'valid';
    if (rule.async) return 'unsure';
    const args: ValidationArguments = {
      targetName,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    const each = metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
    if (each && !Array.isArray(value)) return 'unsure';
    for (const validator of rule.validators) {
      if (!each) {
        const verdict = verdictOf(validator.validate(value, args));
        if (verdict !== 'valid') return verdict;
        continue;
      }
      for (const item of value as unknown[]) {
        const verdict = verdictOf(validator.validate(item, args));
        if (verdict !== 'valid') return verdict;
      }
    }
    return 'valid';
  }

  /**
   * `ValidationExecutor.nestedValidations`: an undefined value passes, a collection each of its items.
   * A binary value is Nest's to refuse (see {@link passes}).
   */
  private checkNested(value: unknown, mode: Mode): Verdict {
    if (value === undefined) return 'valid';
    if (Array.isArray(value)) {
      for (const item of value) {
        const verdict = this.checkNested(item, mode);
        if (verdict !== 'valid') return verdict;
      }
      return 'valid';
    }
    if (value instanceof Set || value instanceof Map) return 'unsure';
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'unsure';
    if (value instanceof Object) return this.check(value, mode);
    return 'invalid';
  }

  private planOf(target: unknown): ClassPlan {
    let plan = this.plans.get(target);
    if (!plan) {
      plan = this.compile(target);
      this.plans.set(target, plan);
    }
    return plan;
  }

  private compile(target: unknown): ClassPlan {
    const metadatas = this.storage.getTargetValidationMetadatas(
      target as new () => object,
      undefined as unknown as string,
      false,
      false,
      undefined,
    );
    const grouped = this.storage.groupByPropertyName(metadatas);
    const of = (list: Metadata[], type: string) => list.filter((m) => m.type === type);
    // The constraint instances as class-validator's container gives them (one per constraint class, for good).
    const rule = (metadata: Metadata): RulePlan => {
      const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
      return {
        metadata,
        validators: constraints.map((c) => c.instance as RulePlan['validators'][number]),
        async: constraints.some((c) => c.async),
      };
    };
    const conditions = (list: Metadata[]) => of(list, ValidationTypes.CONDITIONAL_VALIDATION);
    const properties = Object.entries(grouped).map(([name, list]) => ({
      name,
      // `@IsOptional`'s condition is `object[name] !== null && object[name] !== undefined`, the value read here.
      optional: conditions(list).some((m) => m.name === IS_OPTIONAL),
      conditions: conditions(list)
        .filter((m) => m.name !== IS_OPTIONAL)
        .map((m) => m.constraints[0] as Condition),
      rules: [...of(list, ValidationTypes.IS_DEFINED), ...of(list, ValidationTypes.CUSTOM_VALIDATION)].map(rule),
      nested: list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION),
    }));
    const unsupported = metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION);
    return { known: new Set(Object.keys(grouped)), properties, unsupported };
  }
}
