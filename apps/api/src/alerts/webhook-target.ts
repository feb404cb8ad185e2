import { checkWebhookUrl, classifyAddress, refusalOf } from '@lanewatch/domain';
import { lookup } from 'node:dns/promises';

const RESOLVE_TIMEOUT_MS = 3000;

/** Every address a name resolves to (IPv4 and IPv6). */
export type ResolveHost = (host: string) => Promise<string[]>;

export const resolveWithSystemDns: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((answer) => answer.address);

async function resolveWithin(resolve: ResolveHost, host: string, timeoutMs: number): Promise<string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([resolve(host), new Promise<null>((done) => (timer = setTimeout(() => done(null), timeoutMs)))]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a webhook URL may not be saved, phrased after "url " (null when it may): the literal checks,
 * then what its name resolves to now. A name that does not resolve yet is accepted: the worker
 * resolves and checks again right before every delivery, which is what keeps rebinding out.
 */
export async function webhookTargetProblem(input: { url: string; allowPrivate: boolean; resolve: ResolveHost; timeoutMs?: number }): Promise<string | null> {
  const checked = checkWebhookUrl({ url: input.url, allowPrivate: input.allowPrivate });
  if (!checked.ok) return checked.error;
  if (checked.isAddress) return null;
  const addresses = (await resolveWithin(input.resolve, checked.host, input.timeoutMs ?? RESOLVE_TIMEOUT_MS)) ?? [];
  for (const address of addresses) {
    const refusal = refusalOf(classifyAddress(address), input.allowPrivate);
    if (refusal) return `host ${checked.url.hostname} resolves to ${address}; ${address} ${refusal}`;
  }
  return null;
}
