import { LanewatchConfig } from '@lanewatch/config';
import { createDataSource } from '@lanewatch/db';
import { INGEST_QUEUE, QueueConnection, queueConnection, RedisClient, redisClient } from '@lanewatch/queue';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { BatchQueue } from './batch-queue';
import { openReadDataSource } from './read-data-source';
import { CLOCK, Clock, CONFIG, DATA_SOURCE, INGEST_QUEUE_TOKEN, QUEUE_CONNECTION, READ_DATA_SOURCE, REDIS } from './tokens';

@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(READ_DATA_SOURCE) private readonly readDataSource: DataSource,
    @Inject(INGEST_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(QUEUE_CONNECTION) private readonly queueConnection: QueueConnection,
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
          provide: READ_DATA_SOURCE,
          inject: [DATA_SOURCE],
          useFactory: (primary: DataSource) => openReadDataSource(config, primary, (url) => createDataSource(url, { applicationName: 'lanewatch-api-read' })),
        },
        { provide: QUEUE_CONNECTION, useFactory: () => queueConnection(config) },
        {
          provide: INGEST_QUEUE_TOKEN,
          inject: [QUEUE_CONNECTION],
          useFactory: (connection: QueueConnection) => new Queue(INGEST_QUEUE, { connection: connection.options, prefix: config.queuePrefix }),
        },
        {
          provide: REDIS,
          // Fails fast when Redis is down: requests must not hang on it (events are durable in PostgreSQL).
          useFactory: () => redisClient(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }),
        },
      ],
      exports: [CONFIG, CLOCK, DATA_SOURCE, READ_DATA_SOURCE, INGEST_QUEUE_TOKEN, QUEUE_CONNECTION, REDIS, BatchQueue],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    // After every queue (the alerts queue and the metrics' queues close on module destroy, before this).
    await this.queueConnection.close();
    this.redis.disconnect();
    if (this.readDataSource !== this.dataSource) await this.readDataSource.destroy().catch(() => undefined);
    await this.dataSource.destroy().catch(() => undefined);
  }
}
