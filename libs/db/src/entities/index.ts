import { AlertDeliveryEntity } from './alert-delivery.entity';
import { BreachEntity } from './breach.entity';
import { BreachEventEntity } from './breach-event.entity';
import { NotificationChannelEntity } from './notification-channel.entity';
import { SilenceEntity } from './silence.entity';
import { SlaEvaluationEntity } from './sla-evaluation.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SlaContractEntity, SlaContractKeyEntity } from './sla-contract.entity';
import { CarrierKeyEntity } from './carrier-key.entity';
import { CarrierEntity } from './carrier.entity';
import { CodeMapEntryEntity } from './code-map-entry.entity';
import { DataQualityIssueEntity } from './data-quality-issue.entity';
import { BackgroundTaskEntity } from './background-task.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { DeriveLogEntity } from './derive-log.entity';
import { LegLinkPinEntity } from './leg-link-pin.entity';
import { EventIdentityEntity } from './event-identity.entity';
import { EventEntity } from './event.entity';
import { ImportMappingEntity } from './import-mapping.entity';
import { ImportEntity, ImportRejectionEntity } from './import.entity';
import { IngestBatchTotalEntity } from './ingest-batch-total.entity';
import { IngestBatchEntity } from './ingest-batch.entity';
import { IngestCountEntity } from './ingest-count.entity';
import { IngestWarningCountEntity } from './ingest-warning-count.entity';
import { KpiRollupDeltaEntity } from './kpi-rollup-delta.entity';
import { KpiRollupEntity } from './kpi-rollup.entity';
import { LegFactEntity } from './leg-fact.entity';
import { LegEntity } from './leg.entity';
import { LinkQueueEntity } from './link-queue.entity';
import { ShipmentFactEntity } from './shipment-fact.entity';
import { ShipmentAttributeChangeEntity } from './shipment-attribute-change.entity';
import { ShipmentEntity } from './shipment.entity';
import { UnmappedCodeEntity } from './unmapped-code.entity';
import { UserSessionEntity } from './user-session.entity';
import { UserEntity } from './user.entity';
import { AuditLogEntity } from './audit-log.entity';
import { DisputeEntity } from './dispute.entity';
import { InvoiceEntity } from './invoice.entity';
import { StatementRevisionEntity } from './statement-revision.entity';
import { StatementEntity } from './statement.entity';

export {
  AuditLogEntity,
  DisputeEntity,
  InvoiceEntity,
  StatementEntity,
  StatementRevisionEntity,
  ImportEntity,
  ImportMappingEntity,
  ImportRejectionEntity,
  AlertDeliveryEntity,
  BreachEntity,
  BreachEventEntity,
  NotificationChannelEntity,
  SilenceEntity,
  SlaPolicyEntity,
  SlaContractEntity,
  SlaContractKeyEntity,
  SlaEvaluationEntity,
  CarrierEntity,
  CarrierKeyEntity,
  CodeMapEntryEntity,
  DataQualityIssueEntity,
  DeadLetterEntity,
  DeriveLogEntity,
  LegLinkPinEntity,
  EventEntity,
  EventIdentityEntity,
  IngestBatchEntity,
  IngestBatchTotalEntity,
  IngestCountEntity,
  IngestWarningCountEntity,
  KpiRollupEntity,
  KpiRollupDeltaEntity,
  LinkQueueEntity,
  BackgroundTaskEntity,
  LegEntity,
  LegFactEntity,
  ShipmentAttributeChangeEntity,
  ShipmentEntity,
  ShipmentFactEntity,
  UnmappedCodeEntity,
  UserEntity,
  UserSessionEntity,
};
export type { BatchKind, BatchStatus } from './ingest-batch.entity';
export type { BackgroundTaskKind, BackgroundTaskStatus } from './background-task.entity';

export const ENTITIES = [
  ImportEntity,
  ImportMappingEntity,
  ImportRejectionEntity,
  AlertDeliveryEntity,
  BreachEntity,
  BreachEventEntity,
  NotificationChannelEntity,
  SilenceEntity,
  SlaPolicyEntity,
  SlaContractEntity,
  SlaContractKeyEntity,
  SlaEvaluationEntity,
  CarrierEntity,
  CarrierKeyEntity,
  CodeMapEntryEntity,
  DataQualityIssueEntity,
  DeadLetterEntity,
  DeriveLogEntity,
  LegLinkPinEntity,
  EventEntity,
  EventIdentityEntity,
  IngestBatchEntity,
  IngestBatchTotalEntity,
  IngestCountEntity,
  IngestWarningCountEntity,
  KpiRollupEntity,
  KpiRollupDeltaEntity,
  LinkQueueEntity,
  BackgroundTaskEntity,
  LegEntity,
  LegFactEntity,
  ShipmentAttributeChangeEntity,
  ShipmentEntity,
  ShipmentFactEntity,
  UnmappedCodeEntity,
  UserEntity,
  UserSessionEntity,
  StatementEntity,
  StatementRevisionEntity,
  DisputeEntity,
  AuditLogEntity,
  InvoiceEntity,
];
