export * from './lib/feed.types';
export { DELIVERY_SUBTYPES, MILESTONES, TERMINAL_MILESTONES, isMilestone } from './lib/milestones.constants';
export type { DeliverySubtype, Milestone } from './lib/milestones.constants';
export { CARRIER_PROFILES, CORREIOS_CODE_MAP, CORREIOS_UNMAPPED_CODE, carrierProfile } from './lib/carriers.constants';
export type { CarrierProfile, FirstMileProfile, LastMileProfile } from './lib/carriers.constants';
export { CORRIDOR_PROFILES, SERVICE_LEVELS } from './lib/corridors.constants';
export type { CorridorProfile, CustomsProfile } from './lib/corridors.constants';
export { countFeedEvents, generateFeed, scheduleFeed, simulatedCarriers } from './lib/feed.generator';
export type { FeedSchedule, GenerateFeedOptions, PendingEvent } from './lib/feed.generator';
export { createJourneyFactory } from './lib/journey.generator';
export type { JourneyFactory, JourneyFactoryOptions, ScheduledEvent, ScheduledJourney, ScheduledLeg } from './lib/journey.generator';
export { offsetVariantOf, planDeliveries } from './lib/delivery.planner';
export type { DeliveryBatch, DeliveryPlan, PlanDeliveriesOptions } from './lib/delivery.planner';
export { eventIdentity, resolveEventMilestone } from './lib/event-identity.util';
export { TRACKING_NUMBER_PATTERN, TrackingNumberRegistry, generateTrackingNumber, s10CheckDigit } from './lib/tracking-number.util';
export type { TrackingFormat } from './lib/tracking-number.util';
export { createRandom, deriveSeed } from './lib/random.util';
export type { Random } from './lib/random.util';
export {
  LanewatchApiError,
  LanewatchClient,
  LanewatchNetworkError,
  abortableSleep,
  parseRetryAfter,
} from './lib/lanewatch.client';
export type {
  CarrierRegistration,
  CreateCarrierResult,
  IngestResponse,
  IngestStatus,
  LanewatchClientOptions,
  SleepFunction,
} from './lib/lanewatch.client';
export { runDemoFeed } from './lib/demo-feed.runner';
export type { DemoFeedSummary, RunDemoFeedOptions } from './lib/demo-feed.runner';
