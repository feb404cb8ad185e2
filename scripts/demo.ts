// `npm run demo`: everything `npm start` does, plus a fresh dashboard build and a simulated carrier feed.
import path from 'node:path';
import { runDemoFeed } from '@lanewatch/simulator';
import { formatBanner } from './launcher-banner';
import { demoCarrierCredentials, followDemoCarrier, type DemoCarrierUser } from './launcher-demo-carrier';
import { applyDemoContracts } from './launcher-demo-contracts';
import { installLifecycle } from './launcher-lifecycle';
import { ensureWebBuild } from './launcher-web-build';
import { describeExit, describeStartupError, ensureFirstAdmin, repoRootFrom, startLanewatch, type RunningLanewatch } from './start';

const FEED_STOP_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const log = (message: string): void => console.log(`[demo] ${message}`);
  const lifecycle = installLifecycle(log);
  const repoRoot = repoRootFrom(__dirname);

  const web = await ensureWebBuild({ repoRoot, log });
  let running: RunningLanewatch;
  try {
    running = await startLanewatch({ repoRoot, env: process.env, log });
  } catch (error) {
    console.error(`[demo] ${describeStartupError(error, process.env)}`);
    process.exit(1);
  }
  const admin = await ensureFirstAdmin(running, log);
  try {
    // Before the feed starts, so the worker's first evaluation after ingestion already sees them.
    await applyDemoContracts({ databaseUrl: running.services.databaseUrl, directory: path.join(repoRoot, 'scripts', 'demo-contracts'), log });
  } catch (error) {
    log(`WARNING: could not apply the demo SLA contracts: ${error instanceof Error ? error.message : String(error)}`);
  }

  const feedAbort = new AbortController();
  let carrierUser: DemoCarrierUser | null = null;
  try {
    carrierUser = await demoCarrierCredentials(path.join(running.dataDir, 'secrets.json'));
  } catch (error) {
    log(`WARNING: could not keep the demo carrier user's password: ${error instanceof Error ? error.message : String(error)}`);
  }
  const feed = runDemoFeed({
    apiUrl: running.apiUrl,
    adminToken: running.adminToken,
    log: (message) => console.log(`[feed] ${message}`),
    signal: feedAbort.signal,
  }).then(
    () => {
      if (!feedAbort.signal.aborted) log('The demo feed finished; the API and dashboard keep running.');
    },
    (error: unknown) => {
      if (feedAbort.signal.aborted) return;
      log(
        `WARNING: the demo feed stopped: ${error instanceof Error ? error.message : String(error)}. ` +
          'The API and dashboard keep running; press Ctrl-C to stop.',
      );
    },
  );

  // The carrier user waits for the feed to register its carrier; then the statement for its penalty line.
  const follow = carrierUser
    ? followDemoCarrier({ databaseUrl: running.services.databaseUrl, user: carrierUser, dashboardUrl: running.dashboardUrl, log, signal: feedAbort.signal }).catch((error: unknown) => {
        if (!feedAbort.signal.aborted) log(`WARNING: demo carrier user: ${error instanceof Error ? error.message : String(error)}`);
      })
    : Promise.resolve();

  lifecycle.running(async (signal) => {
    feedAbort.abort();
    // The feed is a client of the API, so it stops first; a stuck request must not block shutdown.
    await Promise.race([Promise.all([feed, follow]), new Promise((resolve) => setTimeout(resolve, FEED_STOP_TIMEOUT_MS))]);
    await running.stop(signal);
  });
  void running.unexpectedExit.then((exit) => {
    feedAbort.abort();
    return lifecycle.fail(1, describeExit(exit));
  });

  console.log(formatBanner(running, web, admin, { demo: true, carrierUser }));
}

void main();
