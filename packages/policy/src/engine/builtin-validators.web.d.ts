// The ESM validators `write-validators.ts` generates into dist at build time.
import type { Validator } from './ajv.js';

export declare const fingerprint: string;
export declare const ruleIds: string[];
export declare const context: Validator;
