// What other features may use of alerts: its module and the queue of committed deliveries.
export { AlertsModule } from './alerts.module';
export { AlertsQueue } from './alerts-queue';
