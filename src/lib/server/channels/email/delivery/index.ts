export { deliverOutbox } from './deliver';
export { startConfiguredDelivery, startDelivery } from './loop';
export { outgoingSubject } from './compose';
