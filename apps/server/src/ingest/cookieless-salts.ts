/**
 * The secret salts behind cookieless visitor hashes (cookieless.ts): one per calendar day, 16 random bytes, made
 * when the day first comes into use and deleted as soon as no event can belong to it any more. They live in one
 * file in the data dir (owner-only), so a restart the same day keeps naming visitors the same way; deleting a day
 * rewrites the file without it. Capture reads them synchronously from memory (`current()`), refreshed on a timer.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { daysInUse, type DaySalts } from './cookieless.js';

const SALT_BYTES = 16;
/** Often enough that a new day's salt exists hours before its first event could arrive (see daysInUse). */
const REFRESH_INTERVAL_MS = 60_000;

export class CookielessSalts {
  private salts: DaySalts = Object.freeze({});
  private timer: NodeJS.Timeout | null = null;

  /** `file`: where the salts are kept, e.g. `<dataDir>/cookieless-salts.json`. */
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the salts, then refreshes them every minute until `stop()`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The salts of the days in use now, by day (plain data: it is handed to the capture worker threads). */
  current(): DaySalts {
    return this.salts;
  }

  /**
   * Keeps the stored salts of the days still in use, makes one for each day in use that has none, deletes the rest,
   * and writes the file when anything changed.
   */
  async refresh(): Promise<void> {
    const stored = await this.read();
    const next: Record<string, string> = {};
    for (const day of daysInUse(this.now())) next[day] = stored[day] ?? randomBytes(SALT_BYTES).toString('base64');
    const changed = Object.keys(stored).length !== Object.keys(next).length || Object.keys(next).some((day) => stored[day] !== next[day]);
    if (changed) await this.write(next);
    this.salts = Object.freeze(next);
  }

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as { salts?: unknown };
    const salts: Record<string, string> = {};
    if (parsed.salts && typeof parsed.salts === 'object') {
      for (const [day, salt] of Object.entries(parsed.salts)) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && typeof salt === 'string' && Buffer.from(salt, 'base64').length === SALT_BYTES) salts[day] = salt;
      }
    }
    return salts;
  }

  /** Writes a new file and renames it over the old one, so a crash never leaves half a file or an old salt behind. */
  private async write(salts: Record<string, string>): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify({ salts }), { mode: 0o600 });
    await fs.rename(temporary, this.file);
  }
}
