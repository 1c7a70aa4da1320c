/**
 * ClickHouse functions the printer may emit. Anything else is refused at print time, whoever built the AST.
 * Deliberately absent: anything that reads outside the query (dictGet, joinGet, file, url, remote, s3, input,
 * executable, getSetting, currentUser, hasColumnInTable…), untyped casts (CAST, JSONExtract with a caller's type
 * string — the printer lets JSONExtract through only with the fixed 'Nullable(String)' of property reads —,
 * accurateCast with a caller type) and state combinators. The only -State and -Merge functions (and
 * finalizeAggregation) are those that read the sessions table's aggregate states (raw_sessions, not in the HogQL
 * catalog itself) and make and read the web rollups' visitor counts (web_sessions_daily, web_pages_daily).
 */
const NAMES = `
  and or not xor equals notEquals less greater lessOrEquals greaterOrEquals in notIn
  like ilike notLike notILike match multiMatchAny
  plus minus multiply divide intDiv intDivOrZero modulo negate abs
  if multiIf coalesce ifNull nullIf isNull isNotNull assumeNotNull toNullable
  count countIf sum sumIf avg avgIf min minIf max maxIf any anyIf anyLast argMax argMin argMaxIf argMinIf
  uniq uniqIf uniqExact uniqExactIf uniqHLL12 uniqCombined median medianIf quantile quantileIf quantiles
  quantileExact quantileTiming quantileDeterministic groupArray groupArrayIf groupUniqArray groupArraySample
  groupBitAnd groupBitOr stddevPop stddevSamp varPop varSamp covarPop covarSamp corr topK sumArray avgArray
  toString toInt8 toInt16 toInt32 toInt64 toUInt8 toUInt16 toUInt32 toUInt64 toFloat32 toFloat64
  toInt64OrNull toInt64OrZero toFloat64OrNull toFloat64OrZero toUInt64OrNull toBool toUUID toUUIDOrNull
  toDecimal64 accurateCastOrNull toTypeName reinterpretAsString reinterpretAsUUID toFixedString
  toDate toDateOrNull toDateTime toDateTime64 toDateTimeOrNull parseDateTimeBestEffort
  parseDateTimeBestEffortOrNull parseDateTime64BestEffort parseDateTime64BestEffortOrNull toTimeZone
  now now64 today yesterday toYear toQuarter toMonth toWeek toISOWeek toISOYear toDayOfYear toDayOfMonth
  toDayOfWeek toHour toMinute toSecond toUnixTimestamp toUnixTimestamp64Milli fromUnixTimestamp
  fromUnixTimestamp64Milli toStartOfYear toStartOfQuarter toStartOfMonth toStartOfWeek toMonday
  toStartOfDay toStartOfHour toStartOfMinute toStartOfSecond toStartOfFiveMinutes toStartOfTenMinutes
  toStartOfFifteenMinutes toStartOfInterval toYYYYMM toYYYYMMDD toYearWeek dateDiff dateAdd dateSub
  dateTrunc date_add date_sub formatDateTime addSeconds addMinutes addHours addDays addWeeks addMonths
  addYears subtractSeconds subtractMinutes subtractHours subtractDays subtractWeeks subtractMonths
  subtractYears toIntervalSecond toIntervalMinute toIntervalHour toIntervalDay toIntervalWeek
  toIntervalMonth toIntervalQuarter toIntervalYear timeZoneOf age
  lower upper lowerUTF8 upperUTF8 length lengthUTF8 empty notEmpty concat concatWithSeparator substring
  substringUTF8 left right leftPad rightPad trim trimBoth trimLeft trimRight reverse repeat position
  positionCaseInsensitive positionUTF8 positionCaseInsensitiveUTF8 startsWith endsWith replaceAll replaceOne
  replaceRegexpAll replaceRegexpOne extract extractAll splitByChar splitByString splitByRegexp format
  base64Encode base64Decode tryBase64Decode hex unhex toValidUTF8 domain domainWithoutWWW topLevelDomain
  protocol path pathFull queryString fragment cutQueryString cutFragment extractURLParameter
  extractURLParameters decodeURLComponent encodeURLComponent
  has hasAll hasAny indexOf arrayJoin arrayElement arrayMap arrayFilter arrayExists arrayAll arrayCount
  arraySum arrayMin arrayMax arrayAvg arraySort arrayReverseSort arrayReverse arrayDistinct arraySlice
  arrayConcat arrayStringConcat arrayFirst arrayLast arrayFirstIndex arrayUniq arrayZip arrayCompact
  transform cutToFirstSignificantSubdomain argMinMerge argMaxMerge uniqExactIfMerge finalizeAggregation
  uniqState uniqMerge uniqMergeIf
  arrayPushBack arrayPushFront arrayWithConstant arrayEnumerate arrayEnumerateUniq arrayFlatten arrayIntersect range tuple tupleElement
  arraySplit arrayDifference arrayReverseFill arrayFill arrayCumSum arrayShiftLeft arrayShiftRight
  JSONExtract JSONExtractString JSONExtractInt JSONExtractUInt JSONExtractFloat JSONExtractBool JSONExtractRaw
  JSONExtractArrayRaw JSONExtractKeys JSONHas JSONLength JSONType isValidJSON
  round floor ceil trunc sqrt exp log log2 log10 pow sign greatest least e pi
  cityHash64 sipHash64 xxHash64 MD5 SHA256 generateUUIDv4 rand rand64 randCanonical
`;

export const CLICKHOUSE_FUNCTIONS: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

