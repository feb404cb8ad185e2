import type { MessageLanguage } from './carriers.constants';
import type { Milestone } from './milestones.constants';

type MessageTable = Partial<Record<Milestone, string>>;

// Carriers describe events in their own language; `{place}` is the city or facility.
const MESSAGES: Record<MessageLanguage, MessageTable> = {
  en: {
    INFO_RECEIVED: 'Shipment information received, awaiting parcel',
    ACCEPTED: '[{place}] Parcel picked up from seller',
    ORIGIN_FACILITY: '[{place}] Processed at sorting center',
    EXPORT_CUSTOMS_STARTED: '[{place}] Export customs clearance started',
    EXPORT_CUSTOMS_HELD: '[{place}] Held by export customs',
    EXPORT_CUSTOMS_CLEARED: '[{place}] Export customs clearance complete',
    HANDED_TO_LINEHAUL: '[{place}] Handed over to airline',
    DEPARTED_ORIGIN: '[{place}] Departed from departure country',
    TRANSIT_HUB: '[{place}] Arrived at transit hub',
    ARRIVED_DESTINATION: '[{place}] Arrived at destination country',
    IMPORT_CUSTOMS_STARTED: '[{place}] Import customs clearance started',
    IMPORT_CUSTOMS_HELD: '[{place}] Held by import customs',
    IMPORT_CUSTOMS_RELEASED: '[{place}] Import customs clearance complete',
    HANDED_OVER: '[{place}] Handed over to last mile carrier',
    DESTINATION_FACILITY: 'Arrived at {place}',
    OUT_FOR_DELIVERY: 'Out for delivery',
    DELIVERY_FAILED: 'Delivery attempted, no access to delivery location',
    AVAILABLE_FOR_PICKUP: 'Available for pickup at {place}',
    DELIVERED: 'Delivered',
    RETURN_IN_TRANSIT: 'Returning to sender',
    RETURNED: 'Returned to sender',
    EXCEPTION: 'Delay in transit',
    LOST: 'Parcel could not be located, declared lost',
    DESTROYED: 'Disposed of by customs',
    CANCELLED: 'Order cancelled by seller',
  },
  pt: {
    DESTINATION_FACILITY: 'Objeto recebido na unidade de distribuição {place}',
    OUT_FOR_DELIVERY: 'Objeto saiu para entrega ao destinatário',
    DELIVERY_FAILED: 'A entrega não pode ser efetuada - Carteiro não atendido',
    AVAILABLE_FOR_PICKUP: 'Objeto aguardando retirada no endereço indicado: {place}',
    DELIVERED: 'Objeto entregue ao destinatário',
    RETURN_IN_TRANSIT: 'Objeto devolvido ao remetente',
  },
  nl: {
    DESTINATION_FACILITY: 'Zending is gesorteerd in {place}',
    OUT_FOR_DELIVERY: 'Zending is onderweg naar de ontvanger',
    DELIVERY_FAILED: 'Ontvanger niet thuis',
    AVAILABLE_FOR_PICKUP: 'Zending ligt klaar bij {place}',
    DELIVERED: 'Zending is bezorgd',
    RETURN_IN_TRANSIT: 'Zending gaat retour naar afzender',
    EXCEPTION: 'Vertraging bij sorteren',
  },
  fr: {
    DESTINATION_FACILITY: 'Votre colis est arrivé sur son site de distribution {place}',
    OUT_FOR_DELIVERY: 'Votre colis est en cours de livraison',
    DELIVERY_FAILED: "Votre colis n'a pas pu être livré, destinataire absent",
    AVAILABLE_FOR_PICKUP: 'Votre colis est disponible dans votre point de retrait {place}',
    DELIVERED: 'Votre colis est livré',
    RETURN_IN_TRANSIT: "Votre colis est retourné à l'expéditeur",
    EXCEPTION: 'Votre colis est retardé',
  },
  es: {
    DESTINATION_FACILITY: 'Clasificado en {place}',
    OUT_FOR_DELIVERY: 'En proceso de entrega',
    DELIVERY_FAILED: 'Entrega no realizada, destinatario ausente',
    AVAILABLE_FOR_PICKUP: 'Disponible para recoger en {place}',
    DELIVERED: 'Entregado',
    RETURN_IN_TRANSIT: 'En devolución al remitente',
    EXCEPTION: 'Incidencia en el envío',
  },
};

export const UNMAPPED_CODE_MESSAGE = 'Objeto em trânsito - por favor aguarde';

export function messageFor(language: MessageLanguage, milestone: Milestone, place: string): string {
  const template = MESSAGES[language][milestone] ?? MESSAGES.en[milestone] ?? milestone;
  return template.replace('{place}', place);
}

export const CUSTOMS_HOLD_REASONS: readonly (readonly [string, number])[] = [
  ['DUTIES_UNPAID', 45],
  ['DOCUMENTS_REQUIRED', 30],
  ['INSPECTION', 25],
];

export const DELIVERY_FAILURE_REASONS: readonly (readonly [string, number])[] = [
  ['RECIPIENT_ABSENT', 70],
  ['ADDRESS_INCOMPLETE', 15],
  ['ACCESS_DENIED', 10],
  ['BUSINESS_CLOSED', 5],
];
