import { MILESTONES } from '@lanewatch/domain';

const location = {
  type: 'object',
  properties: { country: { type: 'string', example: 'BR' }, city: { type: 'string' }, facility: { type: 'string' } },
};

export const EVENT_SCHEMA = {
  type: 'object',
  required: ['trackingNumber', 'occurredAt'],
  properties: {
    trackingNumber: { type: 'string', pattern: '^[A-Za-z0-9._-]{4,64}$', example: 'LP005123456789CN' },
    carrier: { type: 'string', description: 'required with the admin token; must equal the key carrier otherwise' },
    milestone: { type: 'string', enum: [...MILESTONES] },
    code: { type: 'string', description: "raw carrier code, resolved through the carrier's code map" },
    occurredAt: { type: 'string', format: 'date-time', example: '2026-11-02T08:15:00-03:00' },
    eventId: { type: 'string' },
    location,
    message: { type: 'string', maxLength: 1000 },
    reason: { type: 'string' },
    subtype: { type: 'string', enum: ['recipient', 'pickup_point', 'locker', 'neighbour', 'safe_place'] },
    handover: { type: 'object', properties: { carrier: { type: 'string' }, trackingNumber: { type: 'string' } } },
    shipment: {
      type: 'object',
      properties: {
        origin: { type: 'string' },
        destination: { type: 'string' },
        serviceLevel: { type: 'string' },
        promisedBy: { type: 'string', format: 'date-time' },
        orderRef: { type: 'string' },
      },
    },
  },
};

export const EVENT_BATCH_SCHEMA = {
  type: 'object',
  required: ['events'],
  properties: { events: { type: 'array', maxItems: 5000, items: EVENT_SCHEMA } },
};

const nullableNumber = { type: 'number', nullable: true };

export const TASKS_SCHEMA = {
  type: 'object',
  properties: {
    tasks: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          kind: { type: 'string', enum: ['rebuild', 'remap'] },
          label: { type: 'string', example: 'correios: 2 changed code(s)' },
          status: { type: 'string', enum: ['running', 'completed', 'failed', 'stalled'] },
          phase: { type: 'string', nullable: true, description: "a rebuild's step: facts, feed, cells, swap" },
          done: { type: 'number' },
          total: { type: 'number', description: 'counted when the task started' },
          percent: { type: 'number', minimum: 0, maximum: 100 },
          rate: { ...nullableNumber, description: 'items per second since the start; null when not measurable' },
          etaSeconds: { ...nullableNumber, description: 'seconds left at that rate; null when unknown' },
          startedAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          finishedAt: { type: 'string', format: 'date-time', nullable: true },
          error: { type: 'string', nullable: true },
        },
      },
    },
  },
};
