import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChdbEventStore } from './chdb-event-store.js';
import { eventStoreConformance } from './event-store.conformance.js';

eventStoreConformance('chDB', async () => new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'chdb-store-'))));
