/**
 * Every `entra-guard` command, in alphabetical order. A command module stays light at import time:
 * it loads the engine, ajv or jose inside `run`, so `entra-guard --help` starts fast.
 */
import type { Command } from '../command.js';
import { checkFic } from './check-fic.js';
import { checkToken } from './check-token.js';
import { explain } from './explain.js';
import { init } from './init.js';
import { inspect } from './inspect.js';
import { scan } from './scan.js';

export const COMMANDS: readonly Command[] = [checkFic, checkToken, explain, init, inspect, scan];
