import { ConfigError, loadConfig } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { startWarren } from './runtime.js';
import { ensureWebAppBuilt } from './platform/web-app.js';
import { printWelcome } from './projects/print-welcome.js';

/** `npm start`: read config, open storage, listen, and shut down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (!config.webDistDir) ensureWebAppBuilt(logger);
  const warren = await startWarren(config, logger);
  const address = await warren.app.listen({ port: config.port, host: config.host });
  printWelcome(warren.bootstrap, config, address);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await warren.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Warren failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
