/** Types of scripts/build-server.mjs for the TypeScript that imports it (tests' spawned servers). */
export const SERVER_DIST_DIR: string;
export const SERVER_ENTRY: string;
export const SERVER_NODE_OPTIONS: string[];
export function buildServer(): Promise<void>;
export function serverBuildIsStale(): boolean;
export function ensureServerBuilt(): Promise<void>;
