import { LanewatchConfig } from '@lanewatch/config';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { appKeyPrefix, type RedisClient } from '@lanewatch/queue';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { sha256Hex } from '@lanewatch/crypto';
import { CONFIG, REDIS } from '../infrastructure';
import { clientAddressKey } from './client-address.util';

const WINDOW_SECONDS = 15 * 60;

interface Limit {
  limiter: RateLimiterRedis;
  /** Ends "too many sign-in attempts …". */
  scope: string;
  key: (email: string, address: string) => string;
}

/**
 * Sign-in attempts, limited four ways (README "Sign-in limits"): per e-mail and client address, per
 * client address (spraying many e-mails), per e-mail from all addresses (a distributed guess at one
 * account) and for the whole server per minute. Every attempt costs a point before the password is
 * checked, so parallel requests cannot overrun a limit; a success gives its points back and clears
 * the e-mail and address count, so only guessing runs into the limits.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger('LoginRateLimit');
  private readonly limits: Limit[];

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(CONFIG) config: LanewatchConfig) {
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${appKeyPrefix(config.queuePrefix)}:login-${name}`,
        points,
        duration,
        // Unlike ingest, sign-in must stay limited while Redis is down: this process counts on its own then.
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    const { perEmailAndAddress, perAddress, perEmail, perMinute } = config.loginLimits;
    // Hashed: Redis holds no e-mail addresses. Most specific first: an attempt refused for its own e-mail
    // and address spends nothing on the wider limits, so one address cannot drain a victim's e-mail budget.
    this.limits = [
      { limiter: limiter('email-address', perEmailAndAddress, WINDOW_SECONDS), scope: 'for this e-mail from this address', key: (email, address) => sha256Hex(`${email}\n${address}`) },
      { limiter: limiter('address', perAddress, WINDOW_SECONDS), scope: 'from this address', key: (_email, address) => sha256Hex(address) },
      { limiter: limiter('email', perEmail, WINDOW_SECONDS), scope: 'for this e-mail', key: (email) => sha256Hex(email) },
      { limiter: limiter('all', perMinute, 60), scope: 'on this server', key: () => 'all' },
    ];
  }

  /** Spends one attempt on every limit; 429 with Retry-After at the first one used up. */
  async consume(email: string, clientAddress: string): Promise<void> {
    const address = clientAddressKey(clientAddress);
    for (const { limiter, scope, key } of this.limits) {
      try {
        await limiter.consume(key(email, address), 1);
      } catch (result) {
        if (result instanceof RateLimiterRes) {
          const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
          throw new HttpException(
            { statusCode: 429, message: `too many sign-in attempts ${scope}; retry after ${retryAfter} s`, retryAfterSeconds: retryAfter },
            HttpStatus.TOO_MANY_REQUESTS,
          );
        }
        this.logger.warn(`login rate limiter unavailable: ${result instanceof Error ? result.message : String(result)}`);
      }
    }
  }

  /** After a successful sign-in: the e-mail and address count starts again, the wider limits get the attempt back. */
  async succeeded(email: string, clientAddress: string): Promise<void> {
    const address = clientAddressKey(clientAddress);
    const [pair, ...wider] = this.limits;
    await pair.limiter.delete(pair.key(email, address)).catch(() => undefined);
    await Promise.all(wider.map(({ limiter, key }) => limiter.reward(key(email, address), 1).catch(() => undefined)));
  }
}
