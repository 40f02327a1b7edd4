/** The cryptographic checks, each pure: plain data in, an answer or findings out. */
export { type Classification, classifyCryptoOperation, type Requirement } from "./classify.js";
export {
  checkDccSupplied,
  parseSuppliedRegister,
  type SuppliedFinding,
  type SuppliedItem,
  type SuppliedRegister,
} from "./dcc-supplied.js";
export {
  checkModuleRegister,
  type ModuleFinding,
  type ModuleRegister,
  parseModuleRegister,
} from "./modules.js";
export { type CryptoOperation, parseCryptoOperation } from "./operation.js";
