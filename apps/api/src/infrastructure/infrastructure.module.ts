import { LanewatchConfig } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { INGEST_QUEUE, redisConnectionOptions } from '@lanewatch/queue';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { BatchQueue } from './batch-queue';
import { CLOCK, Clock, CONFIG, DATA_SOURCE, INGEST_QUEUE_TOKEN, REDIS } from './tokens';

@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(INGEST_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(config: LanewatchConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
        BatchQueue,
        {
          provide: DATA_SOURCE,
          useFactory: async () => {
            const dataSource = createDataSource(config.databaseUrl, { applicationName: 'lanewatch-api' });
            await dataSource.initialize();
            return dataSource;
          },
        },
        {
          provide: INGEST_QUEUE_TOKEN,
          useFactory: () => new Queue(INGEST_QUEUE, { connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix }),
        },
        {
          provide: REDIS,
          // Fails fast when Redis is down: requests must not hang on it (events are durable in PostgreSQL).
          useFactory: () => new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }),
        },
      ],
      exports: [CONFIG, CLOCK, DATA_SOURCE, INGEST_QUEUE_TOKEN, REDIS, BatchQueue],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
    await this.dataSource.destroy().catch(() => undefined);
  }
}
