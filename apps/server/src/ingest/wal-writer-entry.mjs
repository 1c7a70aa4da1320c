// Worker threads do not inherit the main thread's TypeScript loader: register it, then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./wal-writer.ts');
