// One job per alert_deliveries row; the row holds the alert, the job only its id.
export const ALERT_DELIVERY_JOB = 'alert-delivery';

export interface AlertDeliveryJobPayload {
  deliveryId: string;
}
