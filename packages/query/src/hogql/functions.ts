/**
 * The HogQL functions Warren accepts and the ClickHouse function each one prints as. Lookup is case-insensitive
 * (HogQL is forgiving, ClickHouse is not); the printed name is always the canonical one below.
 */
export interface HogQLFunction {
  /** Name printed in ClickHouse; must be on the printer's allowlist. */
  clickhouse: string;
  minArgs: number;
  maxArgs: number;
  aggregate?: boolean;
  /** Parametric aggregates, `quantile(0.9)(x)`: how many parameters are allowed. */
  params?: readonly [number, number];
  /** Called with exactly this many arguments, the project timezone is appended as the next one. */
  timezoneAt?: number;
  /** Index of a mode argument ClickHouse wants as a UInt8 constant (week modes). */
  modeAt?: number;
}

type Extra = Partial<Pick<HogQLFunction, 'clickhouse' | 'params' | 'timezoneAt' | 'modeAt'>>;
type Row = [name: string, minArgs: number, maxArgs: number, extra?: Extra];

const MANY = 100;

const AGGREGATES: Row[] = [
  ['count', 0, 1], ['countIf', 1, 2], ['sum', 1, 1], ['sumIf', 2, 2], ['avg', 1, 1], ['avgIf', 2, 2],
  ['min', 1, 1], ['minIf', 2, 2], ['max', 1, 1], ['maxIf', 2, 2], ['any', 1, 1], ['anyIf', 2, 2],
  ['anyLast', 1, 1], ['argMax', 2, 2], ['argMin', 2, 2], ['argMaxIf', 3, 3], ['argMinIf', 3, 3],
  ['uniq', 1, MANY], ['uniqIf', 2, MANY], ['uniqExact', 1, MANY], ['uniqExactIf', 2, MANY],
  ['uniqState', 1, MANY], ['uniqMerge', 1, 1], ['uniqMergeIf', 2, 2],
  ['median', 1, 1], ['medianIf', 2, 2], ['quantile', 1, 1, { params: [1, 1] }],
  ['quantileIf', 2, 2, { params: [1, 1] }], ['quantiles', 1, 1, { params: [1, 20] }],
  ['quantileExact', 1, 1, { params: [1, 1] }], ['quantileTiming', 1, 1, { params: [1, 1] }],
  ['groupArray', 1, 1, { params: [0, 1] }], ['groupArrayIf', 2, 2], ['groupUniqArray', 1, 1, { params: [0, 1] }],
  ['stddevPop', 1, 1], ['stddevSamp', 1, 1], ['varPop', 1, 1], ['varSamp', 1, 1], ['covarPop', 2, 2],
  ['covarSamp', 2, 2], ['corr', 2, 2], ['topK', 1, 1, { params: [1, 1] }],
];

const DATES: Row[] = [
  ['toDate', 1, 2, { timezoneAt: 1 }], ['toDateOrNull', 1, 1], ['toDateTime', 1, 2, { timezoneAt: 1 }],
  ['toDateTime64', 2, 3, { timezoneAt: 2 }], ['toDateTimeOrNull', 1, 2, { timezoneAt: 1 }],
  ['parseDateTimeBestEffort', 1, 2, { timezoneAt: 1 }], ['parseDateTimeBestEffortOrNull', 1, 2, { timezoneAt: 1 }],
  ['toTimeZone', 1, 2, { timezoneAt: 1 }], ['timeZoneOf', 1, 1],
  ...['toYear', 'toQuarter', 'toMonth', 'toDayOfYear', 'toDayOfMonth', 'toHour', 'toMinute', 'toSecond',
    'toISOWeek', 'toISOYear', 'toYYYYMM', 'toYYYYMMDD', 'toStartOfYear', 'toStartOfQuarter', 'toStartOfMonth',
    'toMonday', 'toStartOfDay', 'toStartOfHour', 'toStartOfMinute', 'toStartOfSecond', 'toStartOfFiveMinutes',
    'toStartOfTenMinutes', 'toStartOfFifteenMinutes', 'toUnixTimestamp'].map((n): Row => [n, 1, 2, { timezoneAt: 1 }]),
  ['toDayOfWeek', 1, 3, { timezoneAt: 2, modeAt: 1 }], ['toWeek', 1, 3, { timezoneAt: 2, modeAt: 1 }],
  ['toYearWeek', 1, 3, { timezoneAt: 2, modeAt: 1 }], ['toStartOfWeek', 1, 3, { timezoneAt: 2, modeAt: 1 }], ['toStartOfInterval', 2, 4, { timezoneAt: 2 }],
  ['toUnixTimestamp64Milli', 1, 1], ['fromUnixTimestamp', 1, 1], ['fromUnixTimestamp64Milli', 1, 2, { timezoneAt: 1 }],
  ['dateDiff', 3, 4, { timezoneAt: 3 }], ['date_diff', 3, 4, { clickhouse: 'dateDiff', timezoneAt: 3 }],
  ['age', 3, 4, { timezoneAt: 3 }], ['dateTrunc', 2, 3, { timezoneAt: 2 }],
  ['date_trunc', 2, 3, { clickhouse: 'dateTrunc', timezoneAt: 2 }], ['dateAdd', 2, 3], ['dateSub', 2, 3],
  ['date_add', 2, 3, { clickhouse: 'dateAdd' }], ['date_sub', 2, 3, { clickhouse: 'dateSub' }],
  ['date_subtract', 2, 3, { clickhouse: 'dateSub' }], ['formatDateTime', 2, 3, { timezoneAt: 2 }],
  ...['Seconds', 'Minutes', 'Hours', 'Days', 'Weeks', 'Months', 'Years'].flatMap((u): Row[] => [
    [`add${u}`, 2, 2], [`subtract${u}`, 2, 2],
  ]),
  ...['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Quarter', 'Year'].map((u): Row => [`toInterval${u}`, 1, 1]),
];

const STRINGS: Row[] = [
  ...['lower', 'upper', 'lowerUTF8', 'upperUTF8', 'length', 'lengthUTF8', 'empty', 'notEmpty', 'reverse',
    'trimLeft', 'trimRight', 'base64Encode', 'base64Decode', 'tryBase64Decode', 'hex', 'unhex', 'toValidUTF8',
    'domain', 'domainWithoutWWW', 'topLevelDomain', 'protocol', 'path', 'pathFull', 'queryString', 'fragment',
    'cutQueryString', 'cutFragment', 'extractURLParameters', 'decodeURLComponent', 'encodeURLComponent',
  ].map((n): Row => [n, 1, 1]),
  ['trim', 1, 1, { clickhouse: 'trimBoth' }], ['trimBoth', 1, 1], ['concat', 1, MANY], ['concatWithSeparator', 2, MANY],
  ['substring', 2, 3], ['substr', 2, 3, { clickhouse: 'substring' }], ['substringUTF8', 2, 3], ['left', 2, 2],
  ['right', 2, 2], ['leftPad', 2, 3], ['rightPad', 2, 3], ['repeat', 2, 2], ['position', 2, 3],
  ['positionCaseInsensitive', 2, 3], ['positionUTF8', 2, 3], ['positionCaseInsensitiveUTF8', 2, 3],
  ['startsWith', 2, 2], ['endsWith', 2, 2], ['replaceAll', 3, 3], ['replace', 3, 3, { clickhouse: 'replaceAll' }],
  ['replaceOne', 3, 3], ['replaceRegexpAll', 3, 3], ['replaceRegexpOne', 3, 3], ['extract', 2, 2],
  ['extractAll', 2, 2], ['splitByChar', 2, 3], ['splitByString', 2, 3], ['splitByRegexp', 2, 3], ['format', 1, MANY],
  ['extractURLParameter', 2, 2], ['like', 2, 2], ['ilike', 2, 2], ['notLike', 2, 2], ['notILike', 2, 2],
  ['match', 2, 2], ['multiMatchAny', 2, 2],
];

const LOGIC_AND_MATH: Row[] = [
  ['if', 3, 3], ['multiIf', 3, MANY], ['coalesce', 1, MANY], ['ifNull', 2, 2], ['nullIf', 2, 2], ['isNull', 1, 1],
  ['isNotNull', 1, 1], ['assumeNotNull', 1, 1], ['toNullable', 1, 1],
  ...['equals', 'notEquals', 'less', 'greater', 'lessOrEquals', 'greaterOrEquals', 'in', 'notIn', 'plus', 'minus',
    'multiply', 'divide', 'intDiv', 'intDivOrZero', 'modulo', 'pow'].map((n): Row => [n, 2, 2]),
  ['and', 2, MANY], ['or', 2, MANY], ['xor', 2, MANY], ['not', 1, 1], ['power', 2, 2, { clickhouse: 'pow' }],
  ['negate', 1, 1], ['abs', 1, 1], ['round', 1, 2], ['floor', 1, 2], ['ceil', 1, 2],
  ['ceiling', 1, 2, { clickhouse: 'ceil' }], ['trunc', 1, 2], ['sqrt', 1, 1], ['exp', 1, 1], ['log', 1, 1],
  ['log2', 1, 1], ['log10', 1, 1], ['sign', 1, 1], ['greatest', 2, MANY], ['least', 2, MANY], ['e', 0, 0], ['pi', 0, 0],
];

const CONVERSIONS_AND_MISC: Row[] = [
  ['toString', 1, 1],
  ...['toInt8', 'toInt16', 'toInt32', 'toInt64', 'toUInt8', 'toUInt16', 'toUInt32', 'toUInt64', 'toFloat32',
    'toFloat64', 'toInt64OrNull', 'toInt64OrZero', 'toFloat64OrNull', 'toFloat64OrZero', 'toUInt64OrNull', 'toBool',
    'toUUID', 'toUUIDOrNull', 'toTypeName', 'MD5', 'SHA256', 'isValidJSON', 'arrayJoin', 'arrayReverse',
    'arrayDistinct', 'arrayCompact', 'arrayEnumerate', 'arrayFlatten', 'arrayDifference'].map((n): Row => [n, 1, 1]),
  ['arrayEnumerateUniq', 1, MANY],
  ...['JSONExtractString', 'JSONExtractInt', 'JSONExtractUInt', 'JSONExtractFloat', 'JSONExtractBool',
    'JSONExtractRaw', 'JSONExtractArrayRaw', 'JSONExtractKeys', 'JSONHas', 'JSONLength', 'JSONType',
  ].map((n): Row => [n, 1, MANY]),
  ...['has', 'hasAll', 'hasAny', 'indexOf', 'arrayElement', 'arrayPushBack', 'arrayPushFront', 'tupleElement',
  ].map((n): Row => [n, 2, 2]),
  ...['arrayMap', 'arrayFilter', 'arrayFirst', 'arrayLast', 'arrayFirstIndex', 'arraySplit'].map((n): Row => [n, 2, MANY]),
  ['arrayReverseFill', 2, MANY], ['arrayFill', 2, MANY], ['arrayCumSum', 1, MANY], ['arrayShiftLeft', 2, 3], ['arrayShiftRight', 2, 3],
  ...['arrayExists', 'arrayAll', 'arrayCount', 'arraySum', 'arrayMin', 'arrayMax', 'arrayAvg', 'arraySort',
    'arrayReverseSort', 'arrayUniq', 'arrayZip', 'arrayConcat', 'arrayIntersect', 'tuple', 'cityHash64',
    'sipHash64', 'xxHash64'].map((n): Row => [n, 1, MANY]),
  ['arraySlice', 2, 3], ['arrayWithConstant', 2, 2], ['arrayStringConcat', 1, 2], ['range', 1, 3], ['generateUUIDv4', 0, 1], ['rand', 0, 1],
  ['rand64', 0, 1], ['randCanonical', 0, 1],
];

function toEntries(rows: Row[], aggregate: boolean): [string, HogQLFunction][] {
  return rows.map(([name, minArgs, maxArgs, extra]) => [
    name.toLowerCase(),
    { clickhouse: extra?.clickhouse ?? name, minArgs, maxArgs, ...(aggregate && { aggregate }), ...extra },
  ]);
}

const FUNCTIONS: ReadonlyMap<string, HogQLFunction> = new Map([
  ...toEntries(AGGREGATES, true),
  ...toEntries([...DATES, ...STRINGS, ...LOGIC_AND_MATH, ...CONVERSIONS_AND_MISC], false),
]);

/**
 * Looks up a HogQL function by name, case-insensitively.
 * @example findHogQLFunction('COUNT') // => { clickhouse: 'count', minArgs: 0, maxArgs: 1, aggregate: true }
 */
export function findHogQLFunction(name: string): HogQLFunction | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}

/** Every function in the table, for tests that check it against the printer allowlist. */
export function allHogQLFunctions(): ReadonlyMap<string, HogQLFunction> {
  return FUNCTIONS;
}
