import type { ConstantValue, ParamType, ScalarParamType } from './ast.js';

const SCALAR_TYPES: ReadonlySet<string> = new Set<ScalarParamType>([
  'String',
  'UInt8',
  'Int64',
  'UInt64',
  'Float64',
  'Bool',
  'UUID',
  "DateTime64(6, 'UTC')",
]);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

export interface ParamBinder {
  /** Registers a value and returns its `{name:Type}` placeholder; equal values of equal type share a name. */
  bind(value: Exclude<ConstantValue, null>, type?: ParamType): string;
  /** Binds a parameter under a fixed name (the project guard's `team_id`). */
  bindNamed(name: string, value: number, type: ScalarParamType): string;
  readonly params: Record<string, unknown>;
}

/**
 * Collects bound query parameters for one printed query, as `{p0:String}`-style placeholders.
 * @example const b = createParamBinder(); b.bind('x') // => '{p0:String}', b.params // => { p0: 'x' }
 */
export function createParamBinder(): ParamBinder {
  const params: Record<string, unknown> = {};
  const byKey = new Map<string, string>();
  const placeholder = (name: string, type: ParamType) => `{${name}:${type}}`;
  return {
    params,
    bind(value, explicitType) {
      const type = explicitType ?? inferParamType(value);
      assertParamType(type);
      const wire = toWireValue(value, type);
      const key = `${type}\u0000${JSON.stringify(wire)}`;
      let name = byKey.get(key);
      if (name === undefined) {
        name = `p${byKey.size}`;
        byKey.set(key, name);
        params[name] = wire;
      }
      return placeholder(name, type);
    },
    bindNamed(name, value, type) {
      if (!/^[a-z_]+$/.test(name) || /^p\d/.test(name)) throw new Error(`Invalid fixed parameter name: ${name}`);
      params[name] = value;
      return placeholder(name, type);
    },
  };
}

/** The ClickHouse type a constant is bound as, unless the node says otherwise. */
export function inferParamType(value: Exclude<ConstantValue, null>): ParamType {
  if (Array.isArray(value)) return `Array(${inferArrayElementType(value)})`;
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Bool';
  if (value instanceof Date) return "DateTime64(6, 'UTC')";
  if (typeof value === 'bigint') return value > INT64_MAX ? 'UInt64' : 'Int64';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Int64' : 'Float64';
  throw new Error(`Unsupported constant of type ${typeof value}`);
}

function inferArrayElementType(items: readonly unknown[]): ScalarParamType {
  if (items.length === 0 || items.every((v) => typeof v === 'string')) return 'String';
  if (items.every((v) => typeof v === 'boolean')) return 'Bool';
  if (items.every((v) => Number.isSafeInteger(v))) return 'Int64';
  if (items.every((v) => typeof v === 'number')) return 'Float64';
  throw new Error('Array constants must hold strings, numbers or booleans of one kind');
}

function assertParamType(type: string): void {
  const inner = /^Array\((.*)\)$/.exec(type)?.[1] ?? type;
  if (!SCALAR_TYPES.has(inner)) throw new Error(`Unsupported parameter type: ${type}`);
}

function toWireValue(value: Exclude<ConstantValue, null>, type: ParamType): unknown {
  if (Array.isArray(value)) return value.map((v) => toWireScalar(v, type));
  return toWireScalar(value as Exclude<ConstantValue, null | readonly unknown[]>, type);
}

function toWireScalar(value: string | number | bigint | boolean | Date, type: ParamType): unknown {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('Invalid date constant');
    return value.toISOString().replace('T', ' ').replace('Z', '000');
  }
  if (typeof value === 'bigint') {
    if (value < INT64_MIN || value > UINT64_MAX) throw new Error('Integer constant out of 64-bit range');
    return value.toString();
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  }
  if (typeof value === 'number' && type.includes('Int') && !Number.isSafeInteger(value)) {
    throw new Error(`Constant ${value} is not an integer`);
  }
  return value;
}
