/**
 * Why this exists (issue 18): profiled on `POST /orders`, class-validator's `validate` was 18 % of the
 * service's busy CPU, and the rules themselves a small part of that: the rest was the executor's own
 * per-call work (a metadata search over every validated class for each nested object, an error object
 * per property, several filters per property). This answers the common case, a DTO that passes every
 * rule, without that work; every other case goes to class-validator as before.
 *
 * class-validator stays the one statement of the rules: the decorators on the DTOs are read here through
 * its public metadata storage and checked by its own constraint instances, and every error, message and
 * field path still comes from class-validator. Not a JSON-schema validator (ajv): the OpenAPI schema does
 * not carry the custom rules (IsPhone, a line's sign against its type, @ValidateIf on shippable lines…).
 *
 * Conservative by construction: it vouches ("passes") only for classes made of the metadata kinds,
 * constraints and options listed below, with class-validator at the version it was checked against;
 * anything else, and any rule that fails, is "not sure" and class-validator decides. Held by
 * validation-fast-path.spec.ts: on mutations of every request DTO's example, "passes" ⇒ no error.
 */
import { createRequire } from 'node:module';
import {
  getMetadataStorage,
  IS_OPTIONAL,
  ValidationArguments,
  ValidationTypes,
  ValidatorOptions,
} from 'class-validator';

/** The class-validator major.minor whose executor (`ValidationExecutor`) this mirrors; re-check it before changing. */
export const MIRRORED_CLASS_VALIDATOR = '0.15';

/** Metadata kinds mirrored: rules, `@IsDefined`, conditions (`@IsOptional`, `@ValidateIf`), nesting, `@Allow`. */
const MIRRORED_KINDS = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
]);

/**
 * Constraints (by name) of the request DTOs, each checked by its own `validate`: class-validator's, and
 * ours (src/common, the DTOs). A constraint not listed leaves its class to class-validator.
 */
export const MIRRORED_CONSTRAINTS = new Set([
  'arrayMaxSize',
  'arrayMinSize',
  'isArray',
  'isBoolean',
  'isDefined',
  'isEmail',
  'isIn',
  'isInt',
  'isIp',
  'isISO31661Alpha2',
  'isISO4217CurrencyCode',
  'isIso8601',
  'isLength',
  'isNotEmpty',
  'isNumber',
  'isObject',
  'isString',
  'isUrl',
  'isUuid',
  'matches',
  'max',
  'maxLength',
  'min',
  'minLength',
  // The project's own (ValidateBy).
  'isBirthDate',
  'isLanguageCode',
  'isPhone',
  'isStringOrNull',
  'onlyForTrackingTypes',
  'signMatchesType',
]);

/** Validator options mirrored; any other (groups, skip*, stopAtFirstError…) leaves the call to class-validator. */
const MIRRORED_OPTIONS = new Set(['whitelist', 'forbidNonWhitelisted', 'forbidUnknownValues', 'validationError']);

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Condition = (object: object, value: unknown) => boolean;

/** One rule of a property and the constraint instances that check it (most rules have one). */
interface RulePlan {
  metadata: Metadata;
  validators: { validate(value: unknown, args: ValidationArguments): unknown }[];
}

/** The rules of one property, read once from class-validator's metadata storage. */
interface PropertyPlan {
  name: string;
  /** `@IsOptional`: a null or undefined value is not validated (its condition, inlined). */
  optional: boolean;
  /** `@ValidateIf`: when one is false, the property is not validated. */
  conditions: Condition[];
  /** `@IsDefined` first, then every other rule (class-validator's order). */
  rules: RulePlan[];
  nested: boolean;
}

/** The rules of one class: its properties, and the names it allows (every property with metadata). */
interface ClassPlan {
  known: Set<string>;
  properties: PropertyPlan[];
  /** Something outside the lists above: class-validator decides for every instance of the class. */
  unsupported: boolean;
}

/** The options of one call (see MIRRORED_OPTIONS). */
interface Mode {
  forbidUnknownValues: boolean;
  whitelist: boolean;
  forbidNonWhitelisted: boolean;
}

/** What a check found: every rule passes, one fails, or class-validator must decide. */
type Verdict = 'valid' | 'invalid' | 'unsure';

const isPromiseLike = (value: unknown) =>
  value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';

/** A constraint's answer: a promise is class-validator's to wait for. */
const verdictOf = (result: unknown): Verdict => (isPromiseLike(result) ? 'unsure' : result ? 'valid' : 'invalid');

/** The installed class-validator's version (its package.json). */
export function installedClassValidatorVersion(): string {
  return (createRequire(import.meta.url)('class-validator/package.json') as { version: string }).version;
}

const majorMinor = (version: string) => version.split('.').slice(0, 2).join('.');

/**
 * The success path of class-validator's `validate` (see the top of this file), compiled once per class. It
 * walks the instance as `ValidationExecutor` does (same properties, conditions, rules, validation
 * arguments and nesting) and answers `valid` only where class-validator would find no error.
 */
export class ValidationFastPath {
  /** False when the installed class-validator is not the version mirrored: then it never vouches. */
  readonly enabled: boolean;
  private readonly plans = new Map<unknown, ClassPlan>();
  private readonly storage = getMetadataStorage();

  constructor(options: { installedVersion?: string; warn?: (message: string) => void } = {}) {
    const installed = options.installedVersion ?? installedClassValidatorVersion();
    this.enabled = majorMinor(installed) === MIRRORED_CLASS_VALIDATOR;
    if (!this.enabled) {
      options.warn?.(
        `validation fast path off: class-validator ${installed} is installed, it mirrors ` +
          `${MIRRORED_CLASS_VALIDATOR}.x (every DTO is validated by class-validator alone; re-check ` +
          'src/common/validation-fast-path.ts against the new executor, then MIRRORED_CLASS_VALIDATOR)',
      );
    }
  }

  /**
   * True only when class-validator, called with `options`, would find no error in `object`. Also true
   * only when no value in a nested position (`@ValidateNested`) is binary (a Buffer, a typed array, an
   * ArrayBuffer), which is all Nest's pipe looks for before validating (`findNestedBinaryValues`).
   */
  passes(object: object, options: ValidatorOptions): boolean {
    if (!this.enabled) return false;
    for (const key in options) if (!MIRRORED_OPTIONS.has(key)) return false;
    const mode: Mode = {
      // class-validator's default, which Nest's pipe turns off unless asked for.
      forbidUnknownValues: options.forbidUnknownValues !== false,
      whitelist: options.whitelist === true,
      forbidNonWhitelisted: options.forbidNonWhitelisted === true,
    };
    return this.check(object, mode) === 'valid';
  }

  /** `ValidationExecutor.execute` for one object. */
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
    // As the pipe's validation reads them: no groups, `always` off (options with either are not mirrored).
    const metadatas = this.storage.getTargetValidationMetadatas(
      target as new () => object,
      undefined as unknown as string,
      false,
      false,
      undefined,
    );
    const grouped = this.storage.groupByPropertyName(metadatas);
    const of = (list: Metadata[], type: string) => list.filter((m) => m.type === type);
    let unsupported = false;
    // The constraint instances as class-validator's container gives them (one per constraint class, for good).
    const rule = (metadata: Metadata): RulePlan => {
      const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
      if (constraints.length === 0 || constraints.some((c) => c.async || !MIRRORED_CONSTRAINTS.has(c.name))) {
        unsupported = true;
      }
      return { metadata, validators: constraints.map((c) => c.instance as RulePlan['validators'][number]) };
    };
    for (const m of metadatas) {
      // Groups and `always` decide which rules apply: not mirrored.
      if (!MIRRORED_KINDS.has(m.type) || (m.groups?.length ?? 0) > 0 || m.always !== undefined) unsupported = true;
    }
    const properties = Object.entries(grouped).map(([name, list]) => {
      const conditions = of(list, ValidationTypes.CONDITIONAL_VALIDATION);
      return {
        name,
        // `@IsOptional`'s condition is `object[name] !== null && object[name] !== undefined`, the value read here.
        optional: conditions.some((m) => m.name === IS_OPTIONAL),
        conditions: conditions.filter((m) => m.name !== IS_OPTIONAL).map((m) => m.constraints[0] as Condition),
        rules: [...of(list, ValidationTypes.IS_DEFINED), ...of(list, ValidationTypes.CUSTOM_VALIDATION)].map(rule),
        nested: list.some((m) => m.type === ValidationTypes.NESTED_VALIDATION),
      };
    });
    return { known: new Set(Object.keys(grouped)), properties, unsupported };
  }
}
