import fs from 'node:fs';
import { ByteWriter, ParquetWriter, type SchemaElement, type Writer } from 'hyparquet-writer';
import type { EventRow } from '../events/event-query.js';

const text = (name: string, optional = false): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: optional ? 'OPTIONAL' : 'REQUIRED',
});

/**
 * The columns of PostHog's batch exports to files: JSON objects (properties) stay JSON text in a string column,
 * which every Parquet reader opens; the time keeps its microseconds.
 */
const SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 8 },
  text('uuid'),
  text('event'),
  text('distinct_id'),
  {
    name: 'timestamp',
    type: 'INT64',
    converted_type: 'TIMESTAMP_MICROS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    repetition_type: 'REQUIRED',
  },
  text('properties'),
  text('elements_chain'),
  text('person_id'),
  text('person_properties', true),
];

/** The Parquet columns, for readers and tests. */
export const PARQUET_EVENT_COLUMNS = SCHEMA.slice(1).map((s) => s.name);

/**
 * Events to a Parquet file one row group per page of events, written as each page arrives: memory holds one
 * page and its encoded row group, never the file.
 */
export class ParquetEventsFile {
  private readonly writer: ParquetWriter;
  bytes = 0;

  private constructor(private readonly handle: fs.promises.FileHandle) {
    const bytes: Writer & { index: number } = new ByteWriter();
    // hyparquet-writer calls flush() after each row group and awaits it before encoding the next.
    bytes.flush = async () => {
      await this.handle.write(new Uint8Array(bytes.buffer, 0, bytes.index));
      this.bytes += bytes.index;
      bytes.index = 0;
    };
    bytes.finish = async () => bytes.flush!();
    this.writer = new ParquetWriter({ writer: bytes, schema: SCHEMA, createdBy: 'warren' });
  }

  static async create(path: string): Promise<ParquetEventsFile> {
    return new ParquetEventsFile(await fs.promises.open(path, 'w'));
  }

  async add(rows: readonly EventRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(get: (row: EventRow) => T) => rows.map(get);
    await this.writer.write({
      rowGroupSize: rows.length,
      columnData: [
        { name: 'uuid', data: column((r) => r.uuid) },
        { name: 'event', data: column((r) => r.event) },
        { name: 'distinct_id', data: column((r) => r.distinctId) },
        { name: 'timestamp', data: column((r) => microsSinceEpoch(r.timestamp)) },
        { name: 'properties', data: column((r) => r.properties) },
        { name: 'elements_chain', data: column((r) => r.elementsChain) },
        { name: 'person_id', data: column((r) => r.personId) },
        { name: 'person_properties', data: column((r) => r.personProperties) },
      ],
    });
  }

  /** Writes the footer and closes the file. */
  async finish(): Promise<void> {
    try {
      await this.writer.finish();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without a footer (a failed export). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** ClickHouse's `2024-05-01 12:00:00.123456` (UTC) as microseconds since the epoch. */
export function microsSinceEpoch(clickhouseTime: string): bigint {
  const seconds = Date.parse(`${clickhouseTime.slice(0, 19).replace(' ', 'T')}Z`);
  const fraction = (clickhouseTime.split('.')[1] ?? '').padEnd(6, '0').slice(0, 6);
  return BigInt(seconds) * 1000n + BigInt(fraction);
}
