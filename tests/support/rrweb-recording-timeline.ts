import { EventType, IncrementalSource, MouseInteractions, type eventWithTime } from '@rrweb/types';
import { generatePage, nodeBuilderFor, productCard, type GeneratedPage } from './rrweb-recording-page.js';

type Rng = () => number;
const VIEWPORT = { width: 1440, height: 900 };
const FULL_SNAPSHOT_INTERVAL_MS = 5 * 60_000; // posthog-js takes a fresh full snapshot every 5 minutes while active
const MOUSE_SAMPLE_MS = 50; // rrweb's default mousemove sampling threshold
const MOUSE_BATCH_MS = 500; // rrweb emits the sampled positions every 500 ms
const SCROLL_SAMPLE_MS = 100; // rrweb's default scroll throttle
const PATHS = ['/coffee', '/tea', '/equipment', '/gifts', '/product/ethiopia-yirgacheffe', '/product/sencha-kyoto', '/cart'];
const CONSOLE_LINES = {
  log: ['"[analytics] page context ready"', '"cart synced"', '"prefetching /api/recommendations"'],
  warn: ['"[Deprecation] unload handlers are deprecated"', '"image took 2400ms to load"'],
  error: ['"TypeError: Cannot read properties of undefined (reading \'price\')\\n    at renderCard (https://shop.example.com/assets/app.js:1:48211)"'],
} as const;
type ConsoleLevel = keyof typeof CONSOLE_LINES;

/**
 * Writes the rrweb events of a browsing user onto a timeline: page loads, then bursts of activity (mouse moves toward
 * a target, a click, typing, scrolling, the mutations and console lines they cause) separated by idle gaps.
 */
export class TimelineWriter {
  readonly urls: string[] = [];
  readonly activeSpans: [number, number][] = [];
  private readonly events: eventWithTime[] = [];
  private page!: GeneratedPage;
  private mouse = { x: 720, y: 450 };
  private scrollY = 0;
  private cartCount = 0;
  private lastFullSnapshotMs = 0;

  constructor(
    private readonly rng: Rng,
    private readonly origin: string,
    private readonly cards: number,
  ) {}

  /** A page load: (DomContentLoaded,) Meta, FullSnapshot, posthog-js's custom events, (Load,) resource timings. */
  loadPage(t: number, first: boolean, ids: { sessionId: string; windowId: string }): void {
    const path = first ? '/' : PATHS[Math.floor(this.rng() * PATHS.length)];
    this.page = generatePage(this.rng, this.origin, path, this.cards);
    this.urls.push(this.page.href);
    this.scrollY = 0;
    if (!first) this.push(t, { type: EventType.DomContentLoaded, data: {} });
    this.push(t + 5, { type: EventType.Meta, data: { href: this.page.href, ...VIEWPORT } });
    this.fullSnapshot(t + 12, false);
    this.custom(t + 30, '$remote_config_received', { enabled: true, endpoint: '/s/', consoleLogRecordingEnabled: true, recorderVersion: 'v2' });
    this.custom(t + 31, '$session_options', { sessionRecordingOptions: { maskAllInputs: true, maskTextClass: 'ph-mask', blockClass: 'ph-no-capture' }, activePlugins: ['rrweb/console@1'] });
    this.custom(t + 32, '$recording_started', { reason: first ? 'recording_initialized' : 'session_id_changed', sessionId: ids.sessionId, windowId: ids.windowId });
    if (!first) this.custom(t + 33, '$pageview', { href: this.page.href });
    if (!first) this.push(t + 34, { type: EventType.Load, data: {} });
    this.network(t + 60, ['/assets/app.css', '/assets/app.js', '/api/session', '/api/recommendations'], 'navigation');
  }

  /**
   * Bursts of activity and idle gaps from `fromMs` until `toMs`. Before a navigation (`leaving`) no action starts in
   * the last 6 s, so nothing the user does runs past the unload.
   */
  browse(fromMs: number, toMs: number, leaving: boolean): void {
    let t = fromMs;
    const lastStart = leaving ? toMs - 6000 : toMs;
    while (t < toMs) {
      const burstEnd = Math.min(lastStart, t + 4000 + this.rng() * 26_000);
      const start = t;
      while (t < burstEnd) t = this.action(t);
      if (t > start) this.activeSpans.push([start, t]);
      // Mostly short pauses (reading), sometimes a long one (another tab); background noise meanwhile.
      const idleMs = this.rng() < 0.15 ? 30_000 + this.rng() * 90_000 : 2000 + this.rng() * 18_000;
      this.background(t, Math.min(toMs, t + idleMs));
      t += idleMs;
    }
  }

  /** Every event written so far, in time order (stable for equal timestamps). */
  sortedEvents(): eventWithTime[] {
    return this.events.map((event, i) => ({ event, i })).sort((a, b) => a.event.timestamp - b.event.timestamp || a.i - b.i).map((x) => x.event);
  }

  /** Meta + FullSnapshot of the page as it is now (mutations included), as rrweb's takeFullSnapshot emits them. */
  private fullSnapshot(t: number, withMeta = true): void {
    if (withMeta) this.push(t - 7, { type: EventType.Meta, data: { href: this.page.href, ...VIEWPORT } });
    const node = structuredClone(this.page.node);
    this.push(t, { type: EventType.FullSnapshot, data: { node, initialOffset: { left: 0, top: this.scrollY } } });
    this.lastFullSnapshotMs = t;
  }

  private action(t: number): number {
    if (t - this.lastFullSnapshotMs >= FULL_SNAPSHOT_INTERVAL_MS) this.fullSnapshot(t);
    const roll = this.rng();
    if (roll < 0.45) {
      const target = this.pick(this.page.clickable);
      return this.click(this.moveMouse(t, target), target);
    }
    if (roll < 0.6) return this.type(t);
    if (roll < 0.9) return this.scroll(t);
    return this.moveMouse(t, this.pick(this.page.clickable)) + 500 + this.rng() * 1500;
  }

  /** Mouse moves toward a target: positions sampled every 50 ms, emitted in 500 ms batches with negative offsets. */
  private moveMouse(t: number, targetId: number): number {
    const durationMs = 300 + this.rng() * 1500;
    const to = { x: 40 + this.rng() * (VIEWPORT.width - 80), y: 40 + this.rng() * (VIEWPORT.height - 80) };
    const from = { ...this.mouse };
    let batch: { x: number; y: number; id: number; at: number }[] = [];
    for (let at = MOUSE_SAMPLE_MS; at <= durationMs; at += MOUSE_SAMPLE_MS) {
      const f = at / durationMs;
      const ease = f * f * (3 - 2 * f);
      const x = Math.round(from.x + (to.x - from.x) * ease + (this.rng() - 0.5) * 6);
      const y = Math.round(from.y + (to.y - from.y) * ease + (this.rng() - 0.5) * 6);
      batch.push({ x, y, id: f > 0.8 ? targetId : this.page.listId, at: t + at });
      if (batch.length * MOUSE_SAMPLE_MS >= MOUSE_BATCH_MS) batch = this.flushMoves(batch);
    }
    this.flushMoves(batch);
    this.mouse = to;
    return t + durationMs + 20;
  }

  private flushMoves(batch: { x: number; y: number; id: number; at: number }[]): [] {
    if (batch.length === 0) return [];
    const emitAt = batch[batch.length - 1].at;
    const positions = batch.map((p) => ({ x: p.x, y: p.y, id: p.id, timeOffset: p.at - emitAt }));
    this.push(emitAt, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.MouseMove, positions } });
    return [];
  }

  /** MouseDown, MouseUp, Click as rrweb records them, then often a DOM change, a request and a console line. */
  private click(t: number, id: number): number {
    const { x, y } = this.mouse;
    this.interaction(t, MouseInteractions.MouseDown, id, x + 0.37, y + 0.25);
    this.interaction(t + 70 + Math.round(this.rng() * 60), MouseInteractions.MouseUp, id, x + 0.37, y + 0.25);
    this.push(t + 140, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.MouseInteraction, type: MouseInteractions.Click, id, x, y, pointerType: 0 } });
    let end = t + 160;
    if (this.rng() < 0.6) end = this.mutation(end + 30 + this.rng() * 150);
    if (this.rng() < 0.3) this.network(end + 10, ['/api/cart', '/api/recommendations'], 'fetch');
    if (this.rng() < 0.15) this.console(end + 20, this.rng() < 0.2 ? 'error' : this.rng() < 0.4 ? 'warn' : 'log');
    return end + 400 + this.rng() * 1200;
  }

  private interaction(t: number, type: MouseInteractions, id: number, x?: number, y?: number): void {
    const data = x === undefined ? { source: IncrementalSource.MouseInteraction, type, id } : { source: IncrementalSource.MouseInteraction, type, id, x, y };
    this.push(t, { type: EventType.IncrementalSnapshot, data } as eventWithTime);
  }

  /** Focus an input, type into it (masked: rrweb sends one `*` per character under maskAllInputs), blur. */
  private type(t: number): number {
    const input = this.pick(this.page.inputs.map((i) => i.id));
    let at = this.moveMouse(t, input);
    this.interaction(at, MouseInteractions.MouseDown, input, this.mouse.x, this.mouse.y);
    this.interaction(at + 2, MouseInteractions.Focus, input);
    this.interaction(at + 80, MouseInteractions.MouseUp, input, this.mouse.x, this.mouse.y);
    this.push(at + 90, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.MouseInteraction, type: MouseInteractions.Click, id: input, x: this.mouse.x, y: this.mouse.y, pointerType: 0 } });
    at += 300;
    const length = 5 + Math.floor(this.rng() * 20);
    for (let i = 1; i <= length; i++) {
      at += 60 + this.rng() * 190;
      this.push(at, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.Input, text: '*'.repeat(i), isChecked: false, id: input } });
    }
    this.interaction(at + 400, MouseInteractions.Blur, input);
    return at + 600;
  }

  /** A wheel scroll of the document (rrweb uses the document's id, 1), throttled to one event per 100 ms. */
  private scroll(t: number): number {
    const durationMs = 300 + this.rng() * 1700;
    const maxY = Math.max(0, this.page.scrollHeight - VIEWPORT.height);
    const direction = this.scrollY >= maxY ? -1 : this.scrollY <= 0 ? 1 : this.rng() < 0.75 ? 1 : -1;
    for (let at = SCROLL_SAMPLE_MS; at <= durationMs; at += SCROLL_SAMPLE_MS) {
      this.scrollY = Math.min(maxY, Math.max(0, this.scrollY + direction * Math.round(60 + this.rng() * 140)));
      this.push(t + at, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.Scroll, id: 1, x: 0, y: this.scrollY } });
    }
    // Near the bottom the shop loads more cards (infinite scroll).
    const end = t + durationMs;
    return this.scrollY > maxY * 0.8 ? this.mutation(end + 200, 4) : end + 100;
  }

  /** A DOM change: the cart count's text and attributes, cards added at the end, the oldest card removed. */
  private mutation(t: number, addCards = this.rng() < 0.4 ? 1 + Math.floor(this.rng() * 3) : 0): number {
    const builder = nodeBuilderFor(this.page);
    const adds = Array.from({ length: addCards }, () => {
      const node = productCard(builder, this.rng, this.page.clickable);
      this.page.cards.push(node.id);
      this.page.listNode.childNodes.push(structuredClone(node));
      return { parentId: this.page.listId, nextId: null, node };
    });
    this.page.nextId = builder.nextId;
    const removes = addCards > 0 && this.page.cards.length > this.cards ? [{ parentId: this.page.listId, id: this.page.cards.shift() as number }] : [];
    if (removes.length > 0) this.page.listNode.childNodes.shift();
    this.cartCount += addCards === 0 ? 1 : 0;
    const texts = addCards === 0 ? [{ id: this.page.cartTextId, value: `Cart (${this.cartCount})` }] : [];
    if (addCards === 0) this.page.cartText.textContent = `Cart (${this.cartCount})`;
    const attributes = addCards === 0 ? [{ id: this.page.cartTextId - 1, attributes: { class: 'btn secondary bump' } }] : [];
    this.push(t, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.Mutation, texts, attributes, removes, adds } });
    return t + 16;
  }

  /** Between bursts: a carousel ticking over every 5–15 s and now and then a console line from a third-party script. */
  private background(fromMs: number, toMs: number): void {
    for (let t = fromMs + 5000 + this.rng() * 10_000; t < toMs; t += 5000 + this.rng() * 10_000) {
      if (t - this.lastFullSnapshotMs >= FULL_SNAPSHOT_INTERVAL_MS) this.fullSnapshot(t);
      const cardId = this.pick(this.page.cards);
      this.push(t, { type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.Mutation, texts: [], attributes: [{ id: cardId, attributes: { class: 'card featured' } }], removes: [], adds: [] } });
      if (this.rng() < 0.1) this.console(t + 3, this.rng() < 0.5 ? 'log' : 'warn');
    }
  }

  /** rrweb's console plugin: args stringified (strings JSON-quoted), with a trace. */
  private console(t: number, level: ConsoleLevel): void {
    const lines = CONSOLE_LINES[level];
    const payload = { level, trace: [`renderCard (${this.origin}/assets/app.js:1:48211)`, `HTMLButtonElement.onClick (${this.origin}/assets/app.js:1:51020)`], payload: [lines[Math.floor(this.rng() * lines.length)]] };
    this.push(t, { type: EventType.Plugin, data: { plugin: 'rrweb/console@1', payload } });
  }

  /** posthog-js's network timing plugin: performance entries of the requests the page made. */
  private network(t: number, paths: string[], initiatorType: 'navigation' | 'fetch'): void {
    const requests = paths.map((path, i) => {
      const startTime = Math.round((t - 1000 + i * 37) * 10) / 10;
      const duration = Math.round((20 + this.rng() * 300) * 10) / 10;
      return { name: `${this.origin}${path}`, entryType: 'resource', initiatorType: i === 0 && initiatorType === 'navigation' ? 'link' : 'fetch', method: 'GET', startTime, duration, transferSize: 300 + Math.floor(this.rng() * 40_000), responseStatus: 200, timestamp: Math.round(t) };
    });
    this.push(t, { type: EventType.Plugin, data: { plugin: 'rrweb/network@1', payload: { requests } } });
  }

  private custom(t: number, tag: string, payload: Record<string, unknown>): void {
    this.push(t, { type: EventType.Custom, data: { tag, payload } });
  }

  private pick(ids: number[]): number {
    return ids[Math.floor(this.rng() * ids.length)];
  }

  private push(t: number, event: Omit<eventWithTime, 'timestamp'>): void {
    this.events.push({ ...event, timestamp: Math.round(t) } as eventWithTime);
  }
}
