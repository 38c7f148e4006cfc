/** Pre-trade checks: would this subscription, switch or transfer breach the notice? */
export { checkOrder, safeCheckOrder, type CheckOrderOptions, type OrderCheck, type OrderFinding, type OrderParty, type SafeCheckOrderResult } from './check.js';
export { prepareFund, isPreparedFund, PreparedFund, type PrepareOptions } from './prepare.js';
export { orderScenario, type OrderScenario } from './scenario.js';
export { comparePassive, findingKey, type DecidingChange, type PassiveComparison, type PassiveEffect } from './compare.js';
export { describeOrder } from './explain.js';
export {
  orderSchema,
  subscriptionOrderSchema,
  switchInOrderSchema,
  transferOrderSchema,
  type Order,
  type OrderInput,
  type OrderKind,
  type CheckedOrder,
  type OrderRole,
} from './order.js';
