import { LanewatchConfig } from '@lanewatch/config';
import {
  ChannelDeliveryRow,
  channelDeliveries,
  deleteNotificationChannel,
  findNotificationChannel,
  insertNotificationChannel,
  insertTestDelivery,
  listNotificationChannels,
  NotificationChannelRow,
  replaceNotificationChannel,
} from '@lanewatch/db';
import { randomUUID } from 'node:crypto';
import { ChannelTestAlert, channelTestKey, CARRIER_CODE_PATTERN, SLA_SEVERITIES } from '@lanewatch/domain';
import { deriveChannelSecret } from '@lanewatch/sla';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../auth';
import { actorOf, CLOCK, Clock, CONFIG, DATA_SOURCE, foundById } from '../infrastructure';
import { AlertsQueue } from './alerts-queue';
import { resolveWithSystemDns, ResolveHost, webhookTargetProblem } from './webhook-target';

type ChannelRow = NotificationChannelRow;

const channelSchema = z
  .strictObject({
    name: z.string({ error: 'is required' }).trim().min(1, 'must be 1-200 characters').max(200, 'must be 1-200 characters'),
    kind: z.enum(['webhook', 'email'], { error: 'must be webhook or email' }),
    // Length, scheme, credentials and the host's address are checked with the kind (webhookTargetProblem).
    url: z.string({ error: 'must be an http:// or https:// URL' }).optional(),
    address: z.string().max(320, 'must be an e-mail address of at most 320 characters').regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address').optional(),
    severities: z.array(z.enum(SLA_SEVERITIES, { error: `must be one of ${SLA_SEVERITIES.join(', ')}` })).default([]),
    carriers: z.array(z.string().regex(CARRIER_CODE_PATTERN, 'must be a carrier code')).default([]),
    corridors: z.array(z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/, 'must be a corridor such as CN-BR')).default([]),
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'webhook' && !value.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is required for a webhook channel' });
    if (value.kind === 'email' && !value.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'is required for an email channel' });
  });

type DeliveryRow = ChannelDeliveryRow;
const DELIVERY_LIMIT = 100;

const deliveryView = (row: DeliveryRow) => ({
  id: row.id,
  kind: row.transition === 'test' ? 'test' : 'breach',
  transition: row.transition,
  ...(row.transition === 'reminder' ? { reminder: row.reminder } : {}),
  breachId: row.breach_id,
  status: row.status,
  attempts: row.attempts,
  error: row.last_error,
  createdAt: new Date(row.created_at).toISOString(),
  deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
});

const invalidChannel = (errors: string[]) => new BadRequestException({ message: 'invalid notification channel', errors });

/**
 * A webhook may only point at a public address unless ALERT_ALLOW_PRIVATE_TARGETS (events.md §9); the
 * e-mail kind names only a recipient: the SMTP server comes from SMTP_URL, never from an admin.
 */
async function parseChannel(body: unknown, target: { allowPrivate: boolean; resolve: ResolveHost }) {
  const result = channelSchema.safeParse(body);
  if (!result.success) {
    throw invalidChannel(
      result.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not a known field` : `${issue.path.map(String).join('.') || 'channel'} ${issue.message}`,
      ),
    );
  }
  const value = result.data;
  if (value.kind === 'webhook') {
    const problem = await webhookTargetProblem({ url: value.url as string, allowPrivate: target.allowPrivate, resolve: target.resolve });
    if (problem) throw invalidChannel([`url ${problem}`]);
  }
  return { ...value, target: (value.kind === 'webhook' ? value.url : value.address) as string };
}

const view = (row: ChannelRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  ...(row.kind === 'webhook' ? { url: row.target } : { address: row.target }),
  severities: row.severities,
  carriers: row.carriers,
  corridors: row.corridors,
  enabled: row.enabled,
  healthy: row.healthy,
  consecutiveFailures: row.consecutive_failures,
  lastError: row.last_error,
  lastSuccessAt: row.last_success_at ? new Date(row.last_success_at).toISOString() : null,
  createdAt: new Date(row.created_at).toISOString(),
});

@Injectable()
export class NotificationChannelsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertsQueue,
  ) {}

  /** A webhook channel's signing secret is answered here once; it is derived, never stored. */
  async create(body: unknown) {
    const channel = await parseChannel(body, { allowPrivate: this.config.alertAllowPrivateTargets, resolve: resolveWithSystemDns });
    const row = await insertNotificationChannel(this.dataSource, channel);
    return { ...view(row), ...(row.kind === 'webhook' ? { secret: deriveChannelSecret(this.config.secretKey, row.id) } : {}) };
  }

  async list() {
    return (await listNotificationChannels(this.dataSource)).map(view);
  }

  async get(id: string) {
    return view(await foundById(id, 'notification channel', (channelId) => findNotificationChannel(this.dataSource, channelId)));
  }

  /** Replaces the channel's fields; a change makes it healthy again until it fails anew. */
  async replace(id: string, body: unknown) {
    await this.get(id);
    const channel = await parseChannel(body, { allowPrivate: this.config.alertAllowPrivateTargets, resolve: resolveWithSystemDns });
    const row = await replaceNotificationChannel(this.dataSource, id, channel);
    return view(row);
  }

  async remove(id: string): Promise<void> {
    await foundById(id, 'notification channel', (channelId) => deleteNotificationChannel(this.dataSource, channelId));
  }

  /**
   * Queues a test alert to the channel through the real delivery path (queue, worker, sender and its
   * address checks). A webhook's target is checked again here so a refusal is answered at once.
   */
  async sendTest(principal: Principal, id: string) {
    const channel = await this.get(id);
    if ('url' in channel) {
      const problem = await webhookTargetProblem({ url: channel.url, allowPrivate: this.config.alertAllowPrivateTargets, resolve: resolveWithSystemDns });
      if (problem) throw new BadRequestException({ message: 'the channel cannot be tested', errors: [`url ${problem}`] });
    }
    const testId = randomUUID();
    const alert: ChannelTestAlert = {
      type: 'channel.test',
      testId,
      channelName: channel.name,
      requestedBy: await actorOf(this.dataSource, principal),
      requestedAt: this.clock.now().toISOString(),
    };
    const row = await insertTestDelivery(this.dataSource, { channelId: id, idempotencyKey: channelTestKey(testId), payload: alert });
    await this.alerts.enqueue([row.id]);
    return deliveryView(row);
  }

  /** What was sent to the channel, newest first: breach alerts and tests, with their outcome. */
  async deliveries(id: string) {
    await this.get(id);
    const found = await channelDeliveries(this.dataSource, id, DELIVERY_LIMIT);
    return found.map(deliveryView);
  }
}
