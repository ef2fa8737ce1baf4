// Starts the reference gateway jar on a free port, waits until it serves, stops it afterwards.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, createWriteStream, symlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const targetDir = path.join(repoRoot, 'web-e2e', 'target');
export const jarPath = process.env.BYON_GATEWAY_JAR || path.join(repoRoot, 'server-stub', 'target', 'byon-gateway.jar');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {string[]} extraArgs more `--name=value` application properties
 * @param {{startTimeoutMs?: number, logName?: string}} options the log file's name under web-e2e/target/
 * @returns {Promise<{baseUrl: string, port: number, stop: () => Promise<void>}>}
 */
export async function startGateway(extraArgs = [], { startTimeoutMs = 120_000, logName = 'gateway.log' } = {}) {
  if (process.env.BYON_GATEWAY_URL) {
    // a gateway started by hand (its configuration is then up to whoever started it)
    return { baseUrl: process.env.BYON_GATEWAY_URL.replace(/\/$/, ''), port: null, stop: async () => {}, logFile: null };
  }
  if (!existsSync(jarPath)) {
    throw new Error(`${jarPath} is missing: build the gateway first (mvn -pl server-stub -am install -DskipTests)`);
  }
  mkdirSync(targetDir, { recursive: true });
  const port = await freePort();
  if (process.env.BYON_E2E_PAGE_FROM_SOURCE) {
    // serve the softphone from the working tree instead of the copy packaged in the jar
    // (to iterate on the page without rebuilding the gateway), with the SDK as client-ts last built it
    const sdkRoot = path.join(targetDir, 'sdk-root');
    mkdirSync(path.join(sdkRoot, 'softphone'), { recursive: true });
    if (!existsSync(path.join(sdkRoot, 'softphone', 'sdk'))) {
      symlinkSync(path.join(repoRoot, 'client-ts/target/package/dist/src'), path.join(sdkRoot, 'softphone', 'sdk'));
    }
    extraArgs = [...extraArgs, `--spring.web.resources.static-locations=file:${path.join(repoRoot, 'server-stub/src/main/resources/static')}/,file:${sdkRoot}/,classpath:/static/`];
  }
  const logFile = path.join(targetDir, logName);
  const log = createWriteStream(logFile);
  // the softphone's sign-in comes back to the page on this origin (the jar's defaults name localhost only on port 8080)
  const redirect = `--byon.login.redirect-uris=http://localhost:${port}/softphone/index.html`;
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', jarPath, `--server.port=${port}`, redirect, ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`the gateway exited during start-up (${JSON.stringify(exited)}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${baseUrl}/softphone/index.html`);
      if (res.ok) {
        break;
      }
      if (res.status === 401 || res.status === 403) {
        throw new Error(`the gateway refuses the static softphone page (${res.status}): its security configuration must permit /softphone/**`);
      }
    } catch (e) {
      if (e.message.startsWith('the gateway refuses')) {
        child.kill('SIGKILL');
        throw e;
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway did not serve ${baseUrl}/softphone/index.html within ${startTimeoutMs} ms; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const stop = async () => {
    process.off('exit', killOnExit);
    if (exited) {
      return;
    }
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
    log.end();
  };
  return { baseUrl, port, stop, logFile };
}
