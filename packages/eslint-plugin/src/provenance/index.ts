/**
 * The provenance layer: for any expression in a file, what kind of token it holds and what it was
 * requested for, and where values are sent. Rules never find SDK calls or follow values themselves:
 * they call `getFileModel(context)` (typically in `Program`) and read the model.
 */
export { endpointVersion } from './file-context.js';
export {
  getFileModel,
  isClientConstruction,
  isHttpTokenRequest,
  isImportedCall,
  isTokenRequest,
  type FileModel,
} from './model.js';
export type { ModuleExport } from './modules.js';
export {
  ACTIONS_CORE,
  CHAINED_CREDENTIAL,
  IDENTITY,
  IDENTITY_CREDENTIALS,
  JOSE,
  JSONWEBTOKEN,
  MSAL,
  tokenFunction,
  USER_ASSIGNED_IDENTITY_KEYS,
} from './sdk.js';
export { isFunction, unwrap, type FunctionNode } from './values.js';
export type * from './types.js';
